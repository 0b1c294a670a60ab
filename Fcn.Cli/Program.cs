using System;
using Fcn.Cli;

return FcnApp.Run(args, Console.Out, Console.Error);
