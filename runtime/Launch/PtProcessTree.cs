using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace PtToolkit.Launch;

/// <summary>
/// The descendants of a process, read from /proc (Linux), each with its start time so that a later kill cannot hit a
/// reused pid. A PT that exits leaves its children to init: the launcher takes a snapshot while the PT runs and
/// kills what is left of it afterwards, so no orphan outlives the stop. A PT started as a session leader
/// (<see cref="PtSession"/>) needs no snapshot: its orphans still carry its pid as their session id. Elsewhere the
/// snapshot is empty.
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
            if (!TryReadStat(pid, out var stat)) continue;
            int ppid = stat.ParentId;
            ulong start = stat.StartTime;
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

    /// <summary>
    /// The processes of session <paramref name="sessionId"/> started at or after <paramref name="notBefore"/>
    /// (clock ticks after boot): a session id stays taken while the session has members, so with the leader's start
    /// time as the bound these are the leader's session even after the leader is gone.
    /// </summary>
    public static IReadOnlyList<Member> SessionMembers(int sessionId, ulong notBefore)
    {
        var found = new List<Member>();
        foreach (string dir in EnumerateProcesses())
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (TryReadStat(pid, out var stat) && stat.SessionId == sessionId && stat.StartTime >= notBefore) found.Add(new Member(pid, stat.StartTime));
        }
        return found;
    }

    /// <summary>The start time of <paramref name="pid"/> (clock ticks after boot), or null when it cannot be read.</summary>
    public static ulong? StartTime(int pid) => TryReadStat(pid, out var stat) ? stat.StartTime : null;

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
        TryReadStat(member.Pid, out var stat) && stat.StartTime == member.StartTime && stat.State != 'Z' && stat.State != 'X';

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

    private readonly record struct Stat(char State, int ParentId, int SessionId, ulong StartTime);

    // /proc/[pid]/stat: "pid (comm) state ppid pgrp session ... starttime ..."; comm may hold spaces and parentheses,
    // so the fields are counted from the last ')'.
    private static bool TryReadStat(int pid, out Stat stat)
    {
        stat = default;
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
        // fields[0] is field 3 (state), fields[1] field 4 (ppid), fields[3] field 6 (session), fields[19] field 22 (starttime).
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid)
            || !int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int session)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)) return false;
        stat = new Stat(fields[0][0], ppid, session, start);
        return true;
    }
}
