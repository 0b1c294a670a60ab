using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Support;

/// <summary>
/// Reads the files of tests/fixtures (written by make_fixtures.py, copied next to the test assembly).
/// A .bin file is a uint32 little-endian header length, a JSON header with "shape", then raw
/// little-endian float32 data.
/// </summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static Tensor ReadTensor(string name)
    {
        byte[] bytes = File.ReadAllBytes(PathOf(name));
        int headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        using JsonDocument header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 4, headerLength));
        long[] shape = header.RootElement.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        if (header.RootElement.GetProperty("dtype").GetString() != "float32")
            throw new InvalidDataException($"{name}: only float32 fixtures are written.");

        int offset = 4 + headerLength;
        var values = new float[(bytes.Length - offset) / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + i * sizeof(float)));
        if (values.LongLength != shape.Aggregate(1L, (a, b) => a * b))
            throw new InvalidDataException($"{name}: the data does not match the shape [{string.Join(", ", shape)}].");
        return tensor(values, shape);
    }

    public static ReferenceModel ReadModel(string name)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(PathOf(name + ".keys.json")));
        var keys = new List<ReferenceKey>();
        foreach (JsonElement entry in document.RootElement.GetProperty("keys").EnumerateArray())
        {
            keys.Add(new ReferenceKey(
                entry[0].GetString()!,
                entry[1].EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                entry[2].GetString()!));
        }
        return new ReferenceModel(document.RootElement.GetProperty("parameters").GetInt64(), keys);
    }
}
