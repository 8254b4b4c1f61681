using Scipion.Durable.Local;
using Scipion.Durable.TestHost;

// A local host as small as the real one is wired: the durability tests run it as a child process so they can kill -9 it.
var builder = WebApplication.CreateBuilder(args);
builder.AddLocalDurableTask(TestTasks.Register);
builder.Build().Run();
