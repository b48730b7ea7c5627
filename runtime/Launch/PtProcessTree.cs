using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PtToolkit.Launch;

/// <summary>
/// The descendants of a process, read from /proc (Linux), each with its start time so that a later kill cannot hit a
/// reused pid. A PT that exits leaves its children to init: the launcher takes a snapshot while the PT runs and
/// kills what is left of it afterwards, so no orphan outlives the stop. Elsewhere the snapshot is empty.
/// </summary>
internal static class PtProcessTree
{
    /// <summary>A process by pid and start time (clock ticks after boot, /proc/[pid]/stat field 22).</summary>
    public readonly record struct Member(int Pid, ulong StartTime);

    /// <summary>The descendants of <paramref name="rootPid"/> now (not the root itself).</summary>
    public static IReadOnlyList<Member> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<Member>>();
        foreach (string dir in EnumerateProcesses())
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (!TryReadStat(pid, out int ppid, out ulong start, out _)) continue;
            if (!children.TryGetValue(ppid, out var list)) children[ppid] = list = new List<Member>();
            list.Add(new Member(pid, start));
        }
        var found = new List<Member>();
        var pending = new Queue<int>();
        pending.Enqueue(rootPid);
        while (pending.Count > 0 && found.Count < 100_000)
        {
            if (!children.TryGetValue(pending.Dequeue(), out var list)) continue;
            foreach (var child in list)
            {
                found.Add(child);
                pending.Enqueue(child.Pid);
            }
        }
        return found;
    }

    /// <summary>Sends SIGKILL to each member that still runs as the same process; returns how many were killed.</summary>
    public static int KillSurvivors(IEnumerable<Member> members)
    {
        int killed = 0;
        foreach (var m in members)
        {
            if (IsAlive(m) && PtSignals.Send(m.Pid, PtSignals.SigKill)) killed++;
        }
        return killed;
    }

    /// <summary>True when <paramref name="member"/> runs (it exists, is the same process and is not a zombie).</summary>
    public static bool IsAlive(Member member) =>
        TryReadStat(member.Pid, out _, out ulong start, out char state) && start == member.StartTime && state != 'Z' && state != 'X';

    private static IEnumerable<string> EnumerateProcesses()
    {
        try
        {
            return Directory.Exists("/proc") ? Directory.GetDirectories("/proc") : Array.Empty<string>();
        }
        catch (IOException)
        {
            return Array.Empty<string>();
        }
        catch (UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }

    // /proc/[pid]/stat: "pid (comm) state ppid ... starttime ..."; comm may hold spaces and parentheses, so the
    // fields are counted from the last ')'.
    private static bool TryReadStat(int pid, out int ppid, out ulong startTime, out char state)
    {
        ppid = 0;
        startTime = 0;
        state = '?';
        string text;
        try
        {
            text = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        int close = text.LastIndexOf(')');
        if (close < 0) return false;
        string[] fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), fields[1] field 4 (ppid), fields[19] field 22 (starttime).
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        state = fields[0][0];
        return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out ppid)
            && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out startTime);
    }
}
