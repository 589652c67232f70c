using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>How often one status and message was seen.</summary>
internal sealed record ErrorTotal(string Status, string Message, long Count);
