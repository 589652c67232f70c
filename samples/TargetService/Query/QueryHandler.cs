using System.Security.Cryptography;
using System.Text;
using TargetService.Options;

namespace TargetService.Query;

/// <summary>The one piece of "business logic" all three paths share: digest the payload (cached) and build the reply.</summary>
public sealed class QueryHandler(IQueryCache cache, IReplySerializer serializer, TimeSpan storeLatency)
{
    public static QueryHandler Create(ImplementationChoice choice) => new(
        choice.Cache == "lru" ? new LruQueryCache() : new DictionaryQueryCache(),
        choice.Serializer == "manual" ? new ManualReplySerializer() : new StjReplySerializer(),
        choice.Store == "remote" ? TimeSpan.FromMilliseconds(5) : TimeSpan.Zero);

    /// <summary>The round trip to the store (zero for the in-memory one).</summary>
    public Task WaitForStoreAsync(CancellationToken ct) => storeLatency > TimeSpan.Zero ? Task.Delay(storeLatency, ct) : Task.CompletedTask;

    public QueryResult Handle(string op, string payload, string? benchmarkId) =>
        new(op, payload.Length, cache.GetOrAdd(payload, Digest), benchmarkId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public byte[] Serialize(QueryResult reply) => serializer.Serialize(reply);

    private static string Digest(string payload) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(payload)), 0, 8);
}
