// netstandard2.0 lacks this marker type, which C# needs for records' init-only properties.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
