using LoadLeak.Results;
namespace LoadLeak.Cluster.Protocol;

/// <summary>What became of one received message.</summary>
internal enum DecodeOutcome
{
    Ok,
    /// <summary>Not JSON, not a known message type, or missing required fields.</summary>
    Malformed,
    /// <summary>Meant for another cluster id.</summary>
    Foreign,
    /// <summary>Sent by a member speaking another protocol version.</summary>
    OtherVersion,
    /// <summary>Well-formed but not expected here (e.g. a heartbeat on the stats subject).</summary>
    Unexpected,
}
