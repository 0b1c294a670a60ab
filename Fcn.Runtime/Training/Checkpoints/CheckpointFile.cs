using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Fcn.Runtime.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Training.Checkpoints;

/// <summary>
/// One file with everything a run needs to continue bit for bit: progress (epoch, batch, step, best
/// mean IU, seed, last mean IU), the model's state (parameters and buffers, TorchSharp format), the optimizer's
/// momentum buffers and torch's CPU generator state (dropout). Written atomically.
/// </summary>
public static class CheckpointFile
{
    private const string Magic = "FCNDSL-CHECKPOINT";
    // Version 2 added the last validation's mean IU after the seed; version 1 files still load (NaN).
    private const int Version = 2;
    private const int FirstVersion = 1;

    /// <summary>Writes a checkpoint to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, nn.Module model, MomentumSgd optimizer, TrainingProgress progress)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(progress.Epoch);
            writer.Write(progress.BatchInEpoch);
            writer.Write(progress.Step);
            writer.Write(progress.BestMeanIU);
            writer.Write(progress.Seed);
            writer.Write(progress.LastMeanIU);

            model.save(writer);

            IReadOnlyList<string> names = optimizer.ParameterNames;
            IReadOnlyList<Tensor> buffers = optimizer.MomentumBuffers;
            writer.Write(names.Count);
            for (int i = 0; i < names.Count; i++)
            {
                writer.Write(names[i]);
                buffers[i].Save(writer);
            }

            using Tensor rng = random.get_rng_state();
            rng.Save(writer);
        });
    }

    /// <summary>Restores model, optimizer and torch generator from <paramref name="path"/>; returns the progress.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or one for another model/optimizer.</exception>
    public static TrainingProgress Load(string path, nn.Module model, MomentumSgd optimizer)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint not found: {path}", path);
        }

        using FileStream stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path} is not an FcnDsl checkpoint.");
            }

            int version = reader.ReadInt32();
            if (version is < FirstVersion or > Version)
            {
                throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "{0}: checkpoint version {1} is not supported.", path, version));
            }

            var progress = new TrainingProgress(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadDouble(), reader.ReadInt64(),
                LastMeanIU: version >= 2 ? reader.ReadDouble() : double.NaN);
            model.load(reader);

            int count = reader.ReadInt32();
            IReadOnlyList<string> names = optimizer.ParameterNames;
            IReadOnlyList<Tensor> buffers = optimizer.MomentumBuffers;
            if (count != names.Count)
            {
                throw new InvalidDataException($"{path}: the checkpoint has {count} momentum buffers, the optimizer {names.Count}.");
            }

            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                if (name != names[i])
                {
                    throw new InvalidDataException($"{path}: momentum buffer '{name}' where '{names[i]}' was expected.");
                }

                buffers[i].Load(reader);
            }

            using Tensor rng = random.get_rng_state();
            rng.Load(reader);
            random.set_rng_state(rng);
            return progress;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: checkpoint is truncated.", e);
        }
    }
}
