System.Console.WriteLine("FcnDsl quick start: under construction.");
