extension [String] {
    /// The words as a sentence lists them: "a, b and c" (or "a, b or c").
    public func listed(or: Bool = false) -> String {
        guard count > 1 else { return first ?? "" }
        return dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last!
    }
}
