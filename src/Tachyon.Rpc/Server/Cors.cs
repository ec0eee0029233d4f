using Microsoft.AspNetCore.Http;

namespace Tachyon.Rpc.Server;

/// <summary>CORS for browser dapps: echoes allowed origins and answers preflight requests.</summary>
internal sealed class Cors(IReadOnlyList<string> allowedOrigins)
{
    private readonly bool _any = allowedOrigins.Contains("*");
    private readonly HashSet<string> _origins = new(allowedOrigins, StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds CORS headers; returns true when the request was a preflight and has been answered.</summary>
    public bool Apply(HttpContext context)
    {
        string? origin = context.Request.Headers.Origin;
        if (string.IsNullOrEmpty(origin)) return false;
        bool allowed = _any || _origins.Contains(origin);
        bool preflight = HttpMethods.IsOptions(context.Request.Method);
        if (!allowed)
        {
            if (!preflight) return false;
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return true;
        }
        IHeaderDictionary headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = _any ? "*" : origin;
        if (!_any) headers.Vary = "Origin";
        if (!preflight) return false;
        headers.AccessControlAllowMethods = "POST, GET, OPTIONS";
        string? requested = context.Request.Headers.AccessControlRequestHeaders;
        headers.AccessControlAllowHeaders = string.IsNullOrEmpty(requested) ? "Content-Type" : requested;
        headers.AccessControlMaxAge = "600";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }
}
