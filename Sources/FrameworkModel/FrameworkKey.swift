/// A framework as descriptions, tracking files and the status file are matched to one another: by
/// name and VO, case-insensitively (`PanDA` of `atlas` is `panda` of `ATLAS`).
///
/// The two parts are kept apart rather than joined into one string: a name may hold any
/// separator, and a joined key made `C` of the VO `A/B` the same framework as `B/C` of `A`.
public struct FrameworkKey: Hashable, Sendable {
    public let name: String
    public let vo: String

    public init(name: String, vo: String) {
        self.name = name.lowercased()
        self.vo = vo.lowercased()
    }
}

extension FrameworkDescription {
    public var key: FrameworkKey { FrameworkKey(name: name, vo: vo) }
}
