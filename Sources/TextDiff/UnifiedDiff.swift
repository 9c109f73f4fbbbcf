/// A unified diff (`diff -u` style) between two texts, line by line.
public enum UnifiedDiff {
  private enum Edit: Equatable {
    case same(String), removed(String), added(String)
  }

  /// The diff from `old` to `new` with `context` lines around each change; empty when equal.
  public static func between(
    _ old: String, _ new: String, oldName: String = "a", newName: String = "b", context: Int = 3
  ) -> String {
    if old == new { return "" }
    let edits = edits(lines(old), lines(new))
    var output = "--- \(oldName)\n+++ \(newName)\n"
    let changed = edits.indices.filter {
      if case .same = edits[$0] { return false } else { return true }
    }
    var hunkStart = 0
    while hunkStart < changed.count {
      var hunkEnd = hunkStart
      while hunkEnd + 1 < changed.count, changed[hunkEnd + 1] - changed[hunkEnd] <= 2 * context + 1
      {
        hunkEnd += 1
      }
      let from = max(0, changed[hunkStart] - context)
      let to = min(edits.count - 1, changed[hunkEnd] + context)
      output += hunk(edits, from: from, to: to)
      hunkStart = hunkEnd + 1
    }
    return output
  }

  private static func hunk(_ edits: [Edit], from: Int, to: Int) -> String {
    var oldLine = 1
    var newLine = 1
    for edit in edits[..<from] {
      switch edit {
      case .same:
        oldLine += 1
        newLine += 1
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }
    var body = ""
    var oldCount = 0
    var newCount = 0
    for edit in edits[from...to] {
      switch edit {
      case .same(let line):
        body += " \(line)\n"
        oldCount += 1
        newCount += 1
      case .removed(let line):
        body += "-\(line)\n"
        oldCount += 1
      case .added(let line):
        body += "+\(line)\n"
        newCount += 1
      }
    }
    let oldStart = oldCount == 0 ? oldLine - 1 : oldLine
    let newStart = newCount == 0 ? newLine - 1 : newLine
    return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
  }

  private static func lines(_ text: String) -> [String] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if result.last == "" { result.removeLast() }
    return result
  }

  /// A shortest edit script by longest common subsequence.
  private static func edits(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
      }
    }
    var result: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, a[i] == b[j] {
        result.append(.same(a[i]))
        i += 1
        j += 1
      } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
        result.append(.added(b[j]))
        j += 1
      } else {
        result.append(.removed(a[i]))
        i += 1
      }
    }
    return result
  }
}
