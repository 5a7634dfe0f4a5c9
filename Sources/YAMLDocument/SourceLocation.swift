/// A position in a source file, 1-based line and column (columns count Unicode scalars, as editors
/// do) and a 0-based byte offset.
///
/// Stored in 32 bits each (12 bytes rather than 24): every node carries two locations, so this
/// is a third of a node's size. The loader refuses files of 4 GiB and more, so nothing it
/// reports is clamped.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int, offset: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedOffset = UInt32(clamping: offset)
    }

    /// For values known to fit (the loader's, from files under 4 GiB): no clamping.
    init(unchecked line: Int, _ column: Int, _ offset: Int) {
        storedLine = UInt32(truncatingIfNeeded: line)
        storedColumn = UInt32(truncatingIfNeeded: column)
        storedOffset = UInt32(truncatingIfNeeded: offset)
    }

    /// The largest offset a location holds; the loader reads files only up to this size.
    public static let maxOffset = Int(UInt32.max)

    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.storedLine, lhs.storedColumn, lhs.storedOffset) < (rhs.storedLine, rhs.storedColumn, rhs.storedOffset)
    }

    public var description: String { "\(line):\(column)" }
}

/// The extent of a node: `end` is the position just after its last character.
public struct SourceRange: Sendable, Hashable, Comparable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public init(at location: SourceLocation) {
        self.init(start: location, end: location)
    }

    public static func < (lhs: SourceRange, rhs: SourceRange) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    /// Whether `location` is in the range (its end included: an empty node's range is one point).
    public func contains(_ location: SourceLocation) -> Bool {
        start.offset <= location.offset && location.offset <= end.offset
    }
}

extension SourceLocation {
    /// The location of a byte offset, counted the way libyaml counts its marks, so that the
    /// loader's own errors and libyaml's agree: a line ends at LF, CR, CR LF, NEL, LS or PS;
    /// columns count Unicode scalars; a byte-order mark at the start of the file is no column.
    static func of(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let end = min(offset, bytes.count)
        var line = 1
        var column = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < end {
            let length = lineBreakLength(bytes, at: i)
            if length > 0 {
                line += 1
                column = 1
                i += length
            } else {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
        }
        return SourceLocation(line: line, column: column, offset: offset)
    }

    /// The length of the line break at `i` (CR LF, LF, CR, NEL, LS, PS), or 0.
    static func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        switch bytes[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9)
                ? 3 : 0
        default: return 0
        }
    }
}
