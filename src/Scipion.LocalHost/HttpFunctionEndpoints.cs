using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Scipion.Functions.Http;

namespace Scipion.LocalHost;

/// <summary>
/// Serves the Functions app's own HTTP function classes on their own routes, binding parameters the way the
/// isolated worker does for the signatures used here: the request, route values by name, and cancellation.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, Assembly functions)
    {
        foreach (var function in HttpFunction.Discover(functions))
        {
            var bind = ParameterBinders(function);
            endpoints.MapMethods($"/{ApiRoutes.Prefix}/{function.Route}", function.Verbs, async context =>
            {
                var instance = ActivatorUtilities.CreateInstance(context.RequestServices, function.Type);
                var arguments = bind.Select(b => b(context)).ToArray();
                var result = await (Task<IActionResult>)function.Method.Invoke(instance, arguments)!;
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            }).WithDisplayName(function.Name);
        }

        return endpoints;
    }

    private static Func<HttpContext, object?>[] ParameterBinders(HttpFunction function) =>
    [
        .. function.Method.GetParameters().Select<ParameterInfo, Func<HttpContext, object?>>(parameter => parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context => context.Request,
            var t when t == typeof(CancellationToken) => context => context.RequestAborted,
            var t when t == typeof(DurableTaskClient) => context => context.RequestServices.GetRequiredService<DurableTaskClient>(),
            var t when t == typeof(string) && function.Route.Contains(parameter.Name!, StringComparison.Ordinal) =>
                context => context.GetRouteValue(parameter.Name!)?.ToString(),
            _ => throw new InvalidOperationException(
                $"Function {function.Name}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}."),
        }),
    ];
}
