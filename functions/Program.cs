using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Hosting;
using Scipion.Functions;
using Scipion.Workflows;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddScipionApi(builder.Configuration, builder.Environment);

// Class-based orchestrators and activities from the shared library: the Durable extension turns each registered class
// into an orchestration or activity trigger function at run time (worker indexing), so no [Function] wrappers are written.
builder.ConfigureDurableWorker().AddTasks(WorkflowTasks.Register);

builder.Build().Run();
