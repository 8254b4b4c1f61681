namespace Scipion.Functions.Events;

/// <summary>
/// A queue message no retry can make readable. Thrown rather than swallowed, so the host's retries run out
/// (<c>maxDequeueCount</c> in host.json) and the message lands in the poison queue for someone to look at.
/// </summary>
public sealed class UnreadableMessageException(string message, Exception? inner = null) : Exception(message, inner);
