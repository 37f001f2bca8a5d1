Console.WriteLine("devbroker");
