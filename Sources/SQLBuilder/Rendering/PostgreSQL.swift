import Foundation

/// PostgreSQL's lexical rules in one place: identifier quoting, string literals, keywords.
public enum PostgreSQL {
  /// The longest identifier PostgreSQL keeps; longer ones are silently truncated.
  public static let maxIdentifierBytes = 63

  /// Keywords that are reserved, or reserved except as function or type names (Appendix C).
  public static let reservedWords: Set<String> = [
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
    "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
    "current_date", "current_role", "current_time", "current_timestamp", "current_user",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch",
    "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
    "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on",
    "only", "or", "order", "placing", "primary", "references", "returning", "select",
    "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union",
    "unique", "user", "using", "variadic", "when", "where", "window", "with",
    "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
    "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull",
    "outer", "overlaps", "right", "similar", "tablesample", "verbose",
  ]

  /// Whether `name` must be double-quoted to mean exactly itself.
  public static func needsQuoting(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else {
      return true
    }
    let plain = name.unicodeScalars.allSatisfy {
      $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
    return !plain || reservedWords.contains(name)
  }

  /// `name`, double-quoted (with inner quotes doubled) exactly when PostgreSQL needs it.
  public static func identifier(_ name: String) -> String {
    needsQuoting(name) ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
  }

  /// A string constant: single quotes, inner quotes doubled.
  public static func stringLiteral(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// A dollar-quote tag that does not occur in `body`: `$$`, else `$body$`, `$body1$`, ….
  public static func dollarQuoteTag(for body: String) -> String {
    if !body.contains("$$") { return "$$" }
    var candidate = "$body$"
    var n = 0
    while body.contains(candidate) {
      n += 1
      candidate = "$body\(n)$"
    }
    return candidate
  }
}
