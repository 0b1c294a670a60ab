using System;
using Fcn.Cli;

// Colours and live progress only when a person watches; pipes and files get plain text.
return FcnApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
