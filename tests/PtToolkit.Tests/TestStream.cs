using System;
using System.IO;

namespace PtToolkit.Tests;

/// <summary>
/// A readable and writable stream that cannot seek: <see cref="Length"/>, <see cref="Position"/>,
/// <see cref="Seek"/> and <see cref="SetLength"/> throw <see cref="NotSupportedException"/> and
/// <see cref="Flush"/> does nothing. Subclasses override Read and Write (and their async forms) and whatever
/// else differs.
/// </summary>
internal abstract class TestStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
