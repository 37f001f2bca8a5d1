using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>Breaks a JSON body in place: a value replaced by a hostile one, a field removed, an unknown field added.</summary>
public static class BodyMutator
{
    public static JsonNode? Mutate(JsonNode? body, Random random)
    {
        // Mostly one change, so that the rest of the body stays valid and the change meets the check behind the first.
        var mutations = random.Next(10) < 6 ? 1 : random.Next(2, 4);
        for (var i = 0; i < mutations; i++)
        {
            var slots = Slots(body).ToList();
            if (slots.Count == 0)
            {
                return HostileValues.Next(random);
            }

            var (parent, key, index) = slots[random.Next(slots.Count)];
            switch (random.Next(10))
            {
                case 0 when parent is JsonObject obj:
                    obj.Remove(key!);   // a missing field
                    break;
                case 1 when parent is JsonObject obj:
                    obj[$"extra{random.Next(3)}"] = HostileValues.Next(random);   // a field the contract does not know
                    break;
                default:
                    Replace(parent, key, index, HostileValues.Like(Current(parent, key, index), random));
                    break;
            }
        }

        return body;
    }

    private static JsonNode? Current(JsonNode parent, string? key, int index) => parent is JsonObject obj ? obj[key!] : parent.AsArray()[index];

    private static void Replace(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            parent.AsArray()[index] = value;
        }
    }

    /// <summary>Every place that holds a value: (its container, property name or array index).</summary>
    private static IEnumerable<(JsonNode Parent, string? Key, int Index)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    yield return (obj, key, -1);
                    foreach (var slot in Slots(child))
                    {
                        yield return slot;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, null, i);
                    foreach (var slot in Slots(array[i]))
                    {
                        yield return slot;
                    }
                }

                break;
        }
    }
}
