import PolicyCatalog

// The third fuzz target: `matches` patterns alone, for the parser and the search that catalogs
// reach only through YAML. An input is a pattern, a NUL, and a text to search (the whole input is
// the pattern when there is no NUL); invalid UTF-8 is repaired, as a YAML string never holds it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0) ?? size
    let source = String(decoding: bytes[..<split], as: UTF8.self)
    let text = split < size ? String(decoding: bytes[(split + 1)...], as: UTF8.self) : ""
    let pattern: Pattern
    do throws(PatternError) {
        pattern = try Pattern(source)
    } catch {
        // A refusal names a character of the pattern.
        require(
            error.offset >= 0 && error.offset <= source.count,
            "refusal at character \(error.offset + 1) of a pattern of \(source.count)")
        return 0
    }
    require(pattern.length <= Pattern.maxInstructions + 1, "a program of \(pattern.length) instructions")
    let characters = text.count
    let bound = 2 * pattern.length * (characters + 1)
    let search = pattern.search(text, budget: pattern.looksAhead ? 50_000_000 : bound)
    // Linear: without a lookahead, the search ends within its bound, so never past the budget.
    if !pattern.looksAhead {
        require(search.found != nil, "\(source.debugDescription) passed \(bound) units on \(characters) characters")
    }
    // A budget stops the search where it says: the same search with less is stopped, or agrees.
    let half = search.work / 2
    let stopped = pattern.search(text, budget: half)
    require(
        stopped.found == nil || stopped.found == search.found,
        "\(source.debugDescription): a search within \(half) units found \(String(describing: stopped.found)), "
            + "the whole one \(String(describing: search.found))")
    require(stopped.work <= half + pattern.length + 1 || stopped.found != nil, "a search ran past its budget")
    return 0
}
