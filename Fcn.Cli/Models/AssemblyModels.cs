using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime;
using Fcn.Runtime.Data.Transforms;
using static TorchSharp.torch;

namespace Fcn.Cli.Models;

/// <summary>
/// Finds a user's generated model in their build output (<c>--assembly bin/.../MyApp.dll --model My.Namespace.MyFcn</c>).
/// Reflection is fine here: it runs once per command, and generated code itself never uses it.
/// </summary>
internal static class AssemblyModels
{
    /// <exception cref="UserError">The file, the type or a usable constructor is missing.</exception>
    public static ModelEntry Load(string assemblyPath, string typeName, ImageNormalization normalization)
    {
        if (!File.Exists(assemblyPath))
            throw new UserError($"{assemblyPath}: no such assembly; pass the .dll your project built (e.g. bin/Debug/net10.0/MyApp.dll).");

        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(Path.GetFullPath(assemblyPath));
        }
        catch (BadImageFormatException exception)
        {
            throw new UserError($"{assemblyPath}: not a .NET assembly; pass the .dll your project built.", exception);
        }

        Type[] models = ModelTypes(assembly);
        Type? type = assembly.GetType(typeName, throwOnError: false)
            ?? models.SingleOrDefault(candidate => candidate.Name == typeName);
        if (type is null || !models.Contains(type))
        {
            string known = models.Length == 0 ? "none" : string.Join(", ", models.Select(model => model.FullName));
            throw new UserError($"{assemblyPath}: has no generated model '{typeName}'; its models are: {known}.");
        }

        ConstructorInfo constructor = type.GetConstructors().FirstOrDefault(IsGeneratedConstructor)
            ?? throw new UserError($"{assemblyPath}: {type.FullName} has no constructor (int classes, ...optional); is it a generated FCN?");
        FcnModelInfo info = (type.GetProperty("Description", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as FcnModelInfo)
            ?? ((ISegmentationModel)Construct(constructor, 1)).Info;
        return new ModelEntry(info, normalization, classes => Construct(constructor, classes));
    }

    private static Type[] ModelTypes(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            types = exception.Types.Where(type => type is not null).ToArray()!;
        }

        return types.Where(type => !type.IsAbstract && typeof(ISegmentationModel).IsAssignableFrom(type) && typeof(nn.Module).IsAssignableFrom(type)).ToArray();
    }

    /// <summary>The generator's constructor: <c>(int classes = N, double parameter = d..., Device? device = null)</c>.</summary>
    private static bool IsGeneratedConstructor(ConstructorInfo constructor)
    {
        ParameterInfo[] parameters = constructor.GetParameters();
        return parameters.Length > 0 && parameters[0].ParameterType == typeof(int)
            && parameters.Skip(1).All(parameter => parameter.HasDefaultValue);
    }

    private static nn.Module Construct(ConstructorInfo constructor, int classes)
    {
        ParameterInfo[] parameters = constructor.GetParameters();
        object?[] arguments = parameters.Select((parameter, i) => i == 0 ? classes : parameter.DefaultValue).ToArray();
        try
        {
            return (nn.Module)constructor.Invoke(arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw new UserError($"{constructor.DeclaringType?.FullName} could not be built with {classes} classes: {exception.InnerException.Message}", exception.InnerException);
        }
    }
}
