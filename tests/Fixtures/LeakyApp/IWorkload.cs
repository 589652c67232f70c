namespace LeakyApp;

internal interface IWorkload
{
    /// <summary>Simulates <paramref name="count"/> requests under load.</summary>
    void Grow(int count, int bytes);

    /// <summary>Ends the load: whatever a correct service would release, is released.</summary>
    void Drop();
}
