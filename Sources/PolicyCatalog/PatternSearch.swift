extension Pattern {
    /// The outcome of a search, and the work it took: one unit per instruction a thread visited.
    public struct Search: Sendable, Hashable {
        /// Whether the pattern matches somewhere in the text; nil when the search passed its budget
        /// and was stopped.
        public var found: Bool?
        public var work: Int
    }

    /// Searches `text` for a match anywhere in it, in at most `budget` units of work (see
    /// `Search.work`): all the threads advance together one character at a time, each
    /// instruction is visited at most once per position, so the work is at most the program's
    /// length per character, plus the lookaheads' own searches. A lookahead's answer at a
    /// position is searched once and kept, so nested lookaheads cost no more than one: a pattern
    /// with a lookahead whose body can run to the end of the text (`(?=.*b)`) is quadratic in the
    /// text at worst, and the budget bounds it.
    public func search(_ text: String, budget: Int) -> Search {
        var machine = PatternMachine(program: program, text: text, looksAhead: looksAhead, budget: budget)
        let found = machine.run(from: 0, at: 0, text.startIndex, anchored: false)
        return Search(found: found, work: machine.work)
    }
}

/// One search: the program, the text, and the marks that keep each instruction to one visit per
/// position. A lookahead runs a search of its own from its body, on the same marks: a body's
/// instructions are none of the enclosing run's, and every position of every run takes a fresh
/// generation number, so no mark left by one run is read as another's.
///
/// The text is walked in place, a character at a time, never copied: an array of its characters
/// took 16 bytes each, and their composed scalars 8 more, so a 16 MB role held 400 MB for a search
/// that ended at its 20th character. A place in it is a position (characters from the start: the
/// marks, the work and the lookaheads' keys count in them) and the string's index there, which a
/// lookahead's own search starts from.
struct PatternMachine {
    let program: [Instruction]
    let text: String
    let budget: Int
    var work = 0
    var clock = 0
    var marks: [Int]
    /// The instructions still to follow, shared by nested `add`s, each above the ones before.
    var pending: [Int] = []
    /// Each lookahead's answer at each position where it was asked, by `pc * positions +
    /// position`: the same wherever the question comes from, so it is searched once.
    var lookaheads: [Int: Bool] = [:]
    /// More than the text's positions: one per byte and the end, known at once where counting the
    /// characters would read the whole text.
    let positions: Int
    /// Characters read before, each in the slot of its position modulo their number, for a
    /// program with a lookahead: a body that runs far (`(?=.*b)`) reads the text again from each
    /// position, and taking a character from the string costs 3–10 times reading it here (a
    /// review refused at the step limit took 1.4 times as long in ASCII, 4 times in combining
    /// marks). A slot keeps its character until the outermost run has passed it, so that the
    /// slots hold the next characters, which every lookahead from here reads, rather than the
    /// last ones read, which the next reads again only after missing all the others.
    ///
    /// `firstSlots` at first, doubled while a lookahead reads further ahead than there are slots,
    /// up to `mostSlots` (about 40 MB): a body that reads a few characters (the shipped
    /// `(?!NULL)`) keeps a few kilobytes over a 16 MB text, and one that runs to the end keeps
    /// the text's first million characters. With a fixed 65 536, 100 000 decomposed "é" searched
    /// to the step limit took 3.2 s (1.65 s when every character was kept).
    var recent: [Read]
    static let firstSlots = 1 << 10
    static let mostSlots = 1 << 20
    /// The outermost run's position: no run reads a character before it again.
    var frontier = 0

    /// A character at a position, the index after it, and its composed scalar once a class with
    /// ranges has asked for it (outer nil until then: none of the others reads it).
    struct Read {
        var position: Int
        var character: Character
        var after: String.Index
        var composed: Unicode.Scalar??
    }

    init(program: [Instruction], text: String, looksAhead: Bool, budget: Int) {
        self.program = program
        self.text = text
        self.budget = budget
        marks = [Int](repeating: -1, count: program.count)
        positions = text.utf8.count + 1
        let slots = looksAhead ? min(Self.firstSlots, positions) : 0
        recent = Self.slots(slots == 0 ? 0 : 1 << (Int.bitWidth - (slots - 1).leadingZeroBitCount), text)
    }

    private static func slots(_ count: Int, _ text: String) -> [Read] {
        [Read](repeating: Read(position: -1, character: " ", after: text.startIndex, composed: nil), count: count)
    }

    /// The character at `position` (at `index`), from `recent` or from the text; kept there if
    /// `keeping`. The outermost run keeps none: it reads a character after every lookahead that
    /// reads it, lookaheads starting at or after its position.
    private mutating func character(at position: Int, _ index: String.Index, keeping: Bool) -> Read {
        var slot = position & (recent.count - 1)
        if !recent.isEmpty && recent[slot].position == position { return recent[slot] }
        let read = Read(position: position, character: text[index], after: text.index(after: index), composed: nil)
        guard keeping, !recent.isEmpty else { return read }
        if recent[slot].position >= frontier && position - frontier >= recent.count && recent.count < Self.mostSlots {
            grow(covering: position - frontier)
            slot = position & (recent.count - 1)
        }
        if recent[slot].position < frontier { recent[slot] = read }
        return read
    }

    /// Doubles the slots until the characters from the frontier to `distance` after it have one
    /// each (or `mostSlots` are reached), keeping those the runs ahead still read.
    private mutating func grow(covering distance: Int) {
        var count = recent.count * 2
        while count <= distance && count < Self.mostSlots { count *= 2 }
        var larger = Self.slots(count, text)
        for read in recent where read.position >= frontier { larger[read.position & (count - 1)] = read }
        recent = larger
    }

    /// Composes the character `here` holds, and keeps its scalar with it in `recent`.
    private mutating func compose(_ here: inout Read) {
        here.composed = here.character.composedScalar
        let slot = here.position & (recent.count - 1)
        if !recent.isEmpty && recent[slot].position == here.position { recent[slot].composed = here.composed }
    }

    /// Whether the program from `start` matches from `position` (at `index` in the text;
    /// `anchored`) or from any position at or after it; nil past the budget.
    mutating func run(from start: Int, at position: Int, _ index: String.Index, anchored: Bool) -> Bool? {
        var current: [Int] = []
        var next: [Int] = []
        switch add(start, at: position, index, generation: fresh(), to: &current) {
        case nil: return nil
        case true?: return true
        case false?: break
        }
        var position = position
        var index = index
        while index < text.endIndex {
            if current.isEmpty && anchored { return false }
            if !anchored { frontier = position }
            var here = character(at: position, index, keeping: anchored)
            let c = here.character
            let generation = fresh()
            for pc in current {
                work += 1
                let advances: Bool
                switch program[pc] {
                case .character(let wanted): advances = c == wanted
                case .set(let set):
                    if here.composed == nil && !set.ranges.isEmpty { compose(&here) }
                    advances = set.contains(c, composed: here.composed ?? nil)
                case .notNewline: advances = !c.isNewline
                default: advances = false
                }
                guard advances else { continue }
                switch add(pc + 1, at: position + 1, here.after, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            if !anchored {
                switch add(start, at: position + 1, here.after, generation: generation, to: &next) {
                case nil: return nil
                case true?: return true
                case false?: break
                }
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
            position += 1
            index = here.after
            if work > budget { return nil }
        }
        return false
    }

    private mutating func fresh() -> Int {
        clock += 1
        return clock
    }

    /// Adds the thread at `pc` to `list`, following every instruction that consumes nothing;
    /// true when one reaches a match, nil past the budget.
    private mutating func add(
        _ pc: Int, at position: Int, _ index: String.Index, generation: Int, to list: inout [Int]
    ) -> Bool? {
        let base = pending.count
        defer { pending.removeSubrange(base...) }
        pending.append(pc)
        while pending.count > base {
            let pc = pending.removeLast()
            guard marks[pc] != generation else { continue }
            marks[pc] = generation
            work += 1
            if work > budget { return nil }
            switch program[pc] {
            case .match: return true
            case .jump(let target): pending.append(target)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .textStart:
                if position == 0 { pending.append(pc + 1) }
            case .textEnd:
                if index == text.endIndex { pending.append(pc + 1) }
            case .lookahead(let body, let next, let negative):
                let key = pc * positions + position
                let holds: Bool
                if let known = lookaheads[key] {
                    holds = known
                } else {
                    guard let found = run(from: body, at: position, index, anchored: true) else { return nil }
                    lookaheads[key] = found
                    holds = found
                }
                if holds != negative { pending.append(next) }
            case .character, .set, .notNewline:
                list.append(pc)
            }
        }
        return false
    }
}
