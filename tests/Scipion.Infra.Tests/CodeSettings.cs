using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Scipion.Infra.Tests;

/// <summary>
/// The app settings the code reads, taken from its source: every <c>*Options</c> class that binds a
/// configuration section (<c>public const string Section = "Name";</c>) contributes
/// <c>Name__Property</c> for each <c>[Required]</c> property, plus the settings read by libraries.
/// </summary>
public static class CodeSettings
{
    /// <summary>Read by the Functions host, Durable Task and Microsoft.Identity.Web rather than by our options classes.</summary>
    public static IReadOnlyList<SettingRequirement> LibrarySettings { get; } =
    [
        // Host storage and the Durable Task hub: a connection string locally, an identity-based account in Azure.
        new("AzureWebJobsStorage", "Functions host, Durable Task (host.json)",
            [["AzureWebJobsStorage"], ["AzureWebJobsStorage__accountName"]]),
        // Project data: ProjectStorageSettings accepts a connection string or the three service URIs.
        new("ProjectStorage", "ProjectStorageSettings, queue trigger connection",
            [["ProjectStorage"], ["ProjectStorage__blobServiceUri", "ProjectStorage__queueServiceUri", "ProjectStorage__tableServiceUri"]]),
        SettingRequirement.Single("DurableTask__HubName", "host.json durableTask.hubName"),
        SettingRequirement.Single("AzureAd__Instance", "Microsoft.Identity.Web"),
        SettingRequirement.Single("AzureAd__TenantId", "Microsoft.Identity.Web"),
        SettingRequirement.Single("AzureAd__ClientId", "Microsoft.Identity.Web"),
        SettingRequirement.Single("AzureAd__Audience", "Microsoft.Identity.Web"),
    ];

    /// <summary>Library settings plus those of every options class under the given source folders.</summary>
    public static IReadOnlyList<SettingRequirement> ReadBy(params string[] sourceFolders) =>
        LibrarySettings
            .Concat(sourceFolders.SelectMany(FromOptionsClasses))
            .DistinctBy(requirement => requirement.Name)
            .ToList();

    public static IEnumerable<SettingRequirement> FromOptionsClasses(string sourceFolder) =>
        SourceFiles(sourceFolder, "*Options.cs").SelectMany(file => FromSource(File.ReadAllText(file)));

    public static IEnumerable<SettingRequirement> FromSource(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        foreach (var type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            if (SectionName(type) is not { } section)
            {
                continue;
            }

            foreach (var property in RequiredProperties(type))
            {
                yield return SettingRequirement.Single($"{section}__{property}", type.Identifier.Text);
            }
        }
    }

    /// <summary>The const string fields of a static class such as StorageNames, as field name → value.</summary>
    public static IReadOnlyDictionary<string, string> Constants(string file, string className)
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
        var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().SingleOrDefault(c => c.Identifier.Text == className)
            ?? throw new InvalidDataException($"{file} declares no class {className}.");
        return type.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Initializer?.Value is LiteralExpressionSyntax)
            .ToDictionary(v => v.Identifier.Text, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText);
    }

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            : [];

    private static string? SectionName(TypeDeclarationSyntax type) =>
        type.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
            .SelectMany(f => f.Declaration.Variables)
            .Where(v => v.Identifier.Text == "Section")
            .Select(v => (v.Initializer?.Value as LiteralExpressionSyntax)?.Token.ValueText)
            .FirstOrDefault();

    private static IEnumerable<string> RequiredProperties(TypeDeclarationSyntax type)
    {
        foreach (var property in type.Members.OfType<PropertyDeclarationSyntax>())
        {
            if (HasRequired(property.AttributeLists))
            {
                yield return property.Identifier.Text;
            }
        }

        // Positional records: `record X([property: Required] string Name)`.
        foreach (var parameter in type.ParameterList?.Parameters ?? default)
        {
            if (HasRequired(parameter.AttributeLists))
            {
                yield return parameter.Identifier.Text;
            }
        }
    }

    private static bool HasRequired(SyntaxList<AttributeListSyntax> lists) =>
        lists.SelectMany(list => list.Attributes)
            .Select(attribute => attribute.Name.ToString().Split('.')[^1])
            .Any(name => name is "Required" or "RequiredAttribute");
}
