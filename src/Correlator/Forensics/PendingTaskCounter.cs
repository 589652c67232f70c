using LoadLeak.Results;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Counts async work that has not finished: async method boxes (AsyncStateMachineBox and the
/// pooled StateMachineBox) grouped by the method their state machine runs, and promise-style
/// tasks (TaskCompletionSource, no delegate) grouped by task type. Completion is read from
/// Task.m_stateFlags; boxes without it (pooled ValueTask boxes) are counted as pending.
/// </summary>
internal sealed class PendingTaskCounter
{
    // System.Threading.Tasks.Task.TaskStateFlags: RanToCompletion | Faulted | Canceled.
    private const int CompletedMask = 0x1000000 | 0x200000 | 0x400000;
    private const string TaskPrefix = "System.Threading.Tasks.Task";

    private readonly Dictionary<ulong, string?> _groupByMethodTable = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Inspect(ClrObject obj)
    {
        var type = obj.Type!;
        if (!_groupByMethodTable.TryGetValue(type.MethodTable, out var group))
        {
            group = GroupOf(type);
            _groupByMethodTable[type.MethodTable] = group;
        }
        if (group is null || IsCompleted(obj)) return;
        if (group.StartsWith("(promise)", StringComparison.Ordinal)
            && obj.Type!.GetFieldByName("m_action") is not null && !obj.ReadObjectField("m_action").IsNull) return;
        _counts[group] = _counts.GetValueOrDefault(group) + 1;
    }

    public IReadOnlyList<PendingTasks> Result() =>
        _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new PendingTasks(c.Key, c.Value)).ToList();

    private static string? GroupOf(ClrType type)
    {
        var name = type.Name;
        if (name is null || type.IsArray) return null;
        if (name.Contains("StateMachineBox", StringComparison.Ordinal))
        {
            var machine = type.GetFieldByName("StateMachine")?.Type?.Name;
            return machine is null ? name : AsyncMethodNames.FromStateMachine(machine);
        }
        var isPlainTask = name == TaskPrefix || (name.StartsWith(TaskPrefix + "<", StringComparison.Ordinal));
        return isPlainTask ? "(promise) " + name : null;
    }

    private static bool IsCompleted(ClrObject obj) =>
        obj.TryReadField<int>("m_stateFlags", out var flags) && (flags & CompletedMask) != 0;
}
