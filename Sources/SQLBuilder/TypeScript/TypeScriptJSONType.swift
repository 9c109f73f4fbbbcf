/// The TypeScript type of a PostgreSQL value as PostgREST sends it: PostgREST builds its JSON
/// with PostgreSQL's own `json_agg`, so a value arrives as `to_json` writes it.
///
/// ```swift
/// TypeScriptJSONType.of("bigint")          // "number"
/// TypeScriptJSONType.of("numeric(12,2)")   // "number"
/// TypeScriptJSONType.of("date")            // "string"  ('2024-05-01')
/// TypeScriptJSONType.of("uuid[]")          // "(string | null)[]": an array may hold NULLs
/// TypeScriptJSONType.of("tsvector")        // nil: no JSON form this writer knows
/// ```
///
/// Two limits of JSON numbers that the TypeScript cannot show: a `bigint` or `numeric` beyond
/// 2^53 arrives as a JSON number JavaScript rounds, and a `double precision`, `real` or
/// `numeric` NaN or infinity arrives as the string `"NaN"` or `"Infinity"`.
package enum TypeScriptJSONType {
  /// The types `to_json` writes as JSON numbers.
  static let numbers: Set<String> = [
    "smallint", "integer", "bigint", "real", "double precision", "numeric",
  ]
  /// The types `to_json` writes as strings: their text form (dates and times in ISO 8601).
  static let strings: Set<String> = [
    "text", "name", "uuid", "date", "timestamp with time zone", "timestamp without time zone",
    "time without time zone", "interval", "oid", "regclass",
  ]

  /// The TypeScript type of a value of the PostgreSQL type `sqlName` (as a column or parameter
  /// declares it, modifiers included), or nil when it has none here.
  package static func of(_ sqlName: String) -> String? {
    if sqlName.hasSuffix("[]") {
      return of(String(sqlName.dropLast(2))).map { "(\($0) | null)[]" }
    }
    // `numeric(12,2)` is a numeric.
    let base = sqlName.split(separator: "(", maxSplits: 1).first.map(String.init) ?? sqlName
    if numbers.contains(base) { return "number" }
    if strings.contains(base) { return "string" }
    if base == "boolean" { return "boolean" }
    // Any JSON document: the reader narrows it.
    if base == "jsonb" || base == "json" { return "unknown" }
    return nil
  }
}
