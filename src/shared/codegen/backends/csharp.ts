/**
 * C# (.NET 8 minimal API): HttpClient for the call to Qrvey, ASP.NET Core
 * for the endpoint. Program.cs of a `dotnet new web` project.
 */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { csString, linesLiteral } from '../escape'
import { comment, usageLines } from './header'

export function csharpServer(request: CodeRequest): string {
  return `${comment(usageLines(request, 'dotnet run   (Program.cs of a "dotnet new web" project)'), '// ')}
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

var apiKey = Environment.GetEnvironmentVariable(${csString(C.apiKeyEnv)});
if (string.IsNullOrEmpty(apiKey))
{
    Console.Error.WriteLine(${csString(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)});
    return 1;
}
var domain = (Environment.GetEnvironmentVariable(${csString(C.domainEnv)}) is { Length: > 0 } d ? d : ${csString(request.domain)}).TrimEnd('/');
var port = int.Parse(Environment.GetEnvironmentVariable(${csString(C.portEnv)}) ?? ${csString(String(C.defaultPort))});

// The token body, exactly as the workbench sent it (JSON text).
const string Body =
    ${linesLiteral(bodyJson(request), csString, ' +\n    ')};

var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();

app.MapGet(${csString(C.endpoint)}, async () =>
{
    using var message = new HttpRequestMessage(HttpMethod.Post, domain + ${csString(C.tokenPath)});
    message.Headers.Add("x-api-key", apiKey);
    message.Content = new StringContent(Body, Encoding.UTF8, "application/json");
    try
    {
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            return Results.Json(new { error = $"Qrvey answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}" }, statusCode: 502);
        var token = JsonDocument.Parse(text).RootElement.GetProperty("token").GetString();
        return Results.Json(new { token, domain });
    }
    catch (Exception error)
    {
        return Results.Json(new { error = error.Message }, statusCode: 502);
    }
});

app.MapGet("/", () => File.Exists("index.html")
    ? Results.File(Path.GetFullPath("index.html"), "text/html; charset=utf-8")
    : Results.NotFound("No index.html beside this program."));

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(${csString(C.listeningPrefix)} + app.Urls.First()));
app.Run();
return 0;
`
}
