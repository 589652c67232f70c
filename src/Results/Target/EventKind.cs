using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>Something that happened on the run's timeline, beside the load and the samples.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<EventKind>))]
public enum EventKind
{
    /// <summary>The runner saw the target process end during the load (the run's status becomes target-died).</summary>
    TargetDied,
    /// <summary>The correlator saw the target's pid disappear and stopped sampling.</summary>
    TargetExited,
    /// <summary>Ctrl-C or SIGTERM stopped the load early.</summary>
    Interrupted,
    /// <summary>The load engine threw; what was measured before is still reported.</summary>
    EngineFailed,
    CounterGap,
    CounterResumed,
    CounterSessionEnded,
    BrokerDown,
    BrokerUp,
    /// <summary>A scheduled Kafka fault could not be injected.</summary>
    FaultFailed,
    /// <summary>A scraped endpoint (pprof, Prometheus) stopped answering; its seconds stay empty.</summary>
    EndpointFailed,
    /// <summary>The endpoint answers again.</summary>
    EndpointResumed,
    /// <summary>A cluster agent stopped answering heartbeats; its seconds so far are kept.</summary>
    AgentLost,
    /// <summary>The cluster's target probe stopped answering heartbeats.</summary>
    ProbeLost,
    /// <summary>The coordinator lost its NATS server and is reconnecting.</summary>
    NatsDisconnected,
    /// <summary>The NATS connection is back.</summary>
    NatsReconnected,
    /// <summary>An induced full GC was not matched twice: that retained-heap reading is missing, never stood in for.</summary>
    RetainedMissing,
    /// <summary>The memory guard stopped the load: the target's RSS passed its ceiling or was forecast to exhaust memory.</summary>
    Guarded,
}
