namespace LoadLeak.Sessions;

/// <summary>One line of stream.jsonl: { "type": …, "data": … }.</summary>
internal sealed record StreamRecord<T>(string Type, T Data);
