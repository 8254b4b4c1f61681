namespace Scipion.Core.Tools;

/// <summary>
/// A compiled <see cref="ProjectGlob"/>: a small automaton whose every possible position is followed at once
/// (Thompson's construction), so a path is read once, character by character, with no backtracking.
/// </summary>
public sealed class GlobMatcher
{
    private readonly State[] _states;

    public GlobMatcher(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        Glob = glob;
        var states = new List<State>();
        for (var i = 0; i < glob.Length; i++)
        {
            var here = states.Count;
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                if (i + 2 < glob.Length && glob[i + 2] == '/')
                {
                    // "**/" is "(any text then '/')", or nothing: skip it, or loop on anything and leave through a '/'.
                    states.Add(new State(Accepts.Nothing, '\0', -1, [here + 1, here + 3]));
                    states.Add(new State(Accepts.Anything, '\0', here + 1, [here + 2]));
                    states.Add(new State(Accepts.OneChar, '/', here + 3, []));
                    i += 2;
                }
                else
                {
                    states.Add(new State(Accepts.Anything, '\0', here, [here + 1]));
                    i += 1;
                }
            }
            else if (glob[i] == '*')
            {
                states.Add(new State(Accepts.NotSlash, '\0', here, [here + 1]));
            }
            else if (glob[i] == '?')
            {
                states.Add(new State(Accepts.NotSlash, '\0', here + 1, []));
            }
            else
            {
                states.Add(new State(Accepts.OneChar, glob[i], here + 1, []));
            }
        }

        _states = [.. states];
    }

    public string Glob { get; }

    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        int accept = _states.Length;
        var current = new bool[accept + 1];
        var next = new bool[accept + 1];
        var pending = new Stack<int>();
        Enter(current, 0, pending);
        foreach (var c in path)
        {
            Array.Clear(next);
            var any = false;
            for (var s = 0; s < accept; s++)
            {
                if (current[s] && _states[s].Takes(c))
                {
                    Enter(next, _states[s].Next, pending);
                    any = true;
                }
            }

            if (!any)
            {
                return false;
            }

            (current, next) = (next, current);
        }

        return current[accept];
    }

    // Marks a state and every state reachable from it without reading a character.
    private void Enter(bool[] set, int state, Stack<int> pending)
    {
        pending.Push(state);
        while (pending.TryPop(out var s))
        {
            if (set[s])
            {
                continue;
            }

            set[s] = true;
            if (s < _states.Length)
            {
                foreach (var skip in _states[s].Skips)
                {
                    pending.Push(skip);
                }
            }
        }
    }

    private enum Accepts
    {
        Nothing,
        OneChar,
        NotSlash,
        Anything,
    }

    private readonly record struct State(Accepts Accepts, char Char, int Next, int[] Skips)
    {
        public bool Takes(char c) => Accepts switch
        {
            Accepts.OneChar => c == Char,
            Accepts.NotSlash => c != '/',
            Accepts.Anything => true,
            _ => false,
        };
    }
}
