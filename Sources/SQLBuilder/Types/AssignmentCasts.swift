import Foundation

/// The conversions PostgreSQL applies on assignment, and so in `ALTER COLUMN … TYPE` without
/// `USING`: `pg_cast` entries marked assignment or implicit between the types the DSL names,
/// and the conversion of any type to `text`.
package enum AssignmentCasts {
  /// Source type → target types, as `format_type` names them.
  package static let table: [String: Set<String>] = [
    "bigint": ["double precision", "integer", "numeric", "oid", "real", "regclass", "smallint"],
    "date": ["timestamp with time zone", "timestamp without time zone"],
    "double precision": ["bigint", "integer", "numeric", "real", "smallint"],
    "integer": ["bigint", "double precision", "numeric", "oid", "real", "regclass", "smallint"],
    "interval": ["time without time zone"],
    "numeric": ["bigint", "double precision", "integer", "real", "smallint"],
    "oid": ["bigint", "integer", "regclass"],
    "real": ["bigint", "double precision", "integer", "numeric", "smallint"],
    "regclass": ["bigint", "integer", "oid"],
    "smallint": ["bigint", "double precision", "integer", "numeric", "oid", "real", "regclass"],
    "text": ["regclass"],
    "time without time zone": ["interval"],
    "timestamp with time zone": [
      "date", "time without time zone", "timestamp without time zone",
    ],
    "timestamp without time zone": [
      "date", "time without time zone", "timestamp with time zone",
    ],
  ]

  /// The types any value converts to on assignment, through its text form.
  private static let stringTypes: Set<String> = [
    "text", "name", "character varying", "character",
  ]

  /// Names the DSL and PostgreSQL spell more than one way, as `format_type` spells them.
  private static let spellings: [String: String] = [
    "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
    "time": "time without time zone", "int": "integer", "int4": "integer", "int8": "bigint",
    "int2": "smallint", "float8": "double precision", "float4": "real", "bool": "boolean",
    "decimal": "numeric",
  ]

  /// The type without modifiers, as `format_type` names it: `numeric(12,2)` → `numeric`.
  package static func base(_ type: String) -> String {
    let bare = String(type.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
      .lowercased()
    return spellings[bare] ?? bare
  }

  /// Whether a column of type `from` becomes `to` with no USING expression.
  package static func converts(_ from: String, to: String) -> Bool {
    let (source, target) = (base(from), base(to))
    return source == target || stringTypes.contains(target)
      || table[source]?.contains(target) == true
  }
}
