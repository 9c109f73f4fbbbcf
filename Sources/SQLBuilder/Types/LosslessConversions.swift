import Foundation

/// The type changes that keep every value exactly, which a migration makes with
/// `ALTER COLUMN … TYPE` and no USING: integers into wider integers or numeric, real into double
/// precision, a length or precision that only grows, a date into the timestamp of its midnight.
/// Any other change (into text, between time zones, narrowing) changes or may lose values, so
/// the definition says how (`changeType`), including to undo a conversion the other way.
package enum LosslessConversions {
  /// Source type → wider types, as `format_type` names them.
  package static let widenings: [String: Set<String>] = [
    "smallint": ["integer", "bigint", "numeric"],
    "integer": ["bigint", "numeric"],
    "bigint": ["numeric"],
    "real": ["double precision"],
    "character varying": ["text"],
    "date": ["timestamp without time zone"],
  ]

  /// Names the DSL and PostgreSQL spell more than one way, as `format_type` spells them.
  private static let spellings: [String: String] = [
    "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
    "time": "time without time zone", "int": "integer", "int4": "integer", "int8": "bigint",
    "int2": "smallint", "float8": "double precision", "float4": "real", "bool": "boolean",
    "decimal": "numeric", "varchar": "character varying",
  ]

  /// The type without modifiers, as `format_type` names it: `numeric(12,2)` → `numeric`.
  package static func base(_ type: String) -> String {
    let bare = String(type.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces)
      .lowercased()
    return spellings[bare] ?? bare
  }

  /// The numbers in a type's modifiers: `numeric(12,2)` → `[12, 2]`, `text` → `[]`.
  private static func modifiers(_ type: String) -> [Int] {
    guard let open = type.firstIndex(of: "("), let close = type.lastIndex(of: ")") else {
      return []
    }
    return type[type.index(after: open)..<close].split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
  }

  /// Whether a column of type `from` becomes `to` with every value kept exactly.
  package static func keepsEveryValue(_ from: String, to: String) -> Bool {
    let (source, target) = (base(from), base(to))
    guard source == target else {
      // Into an unconstrained wider type only: numeric(5) holds no more than it holds.
      return modifiers(to).isEmpty && widenings[source]?.contains(target) == true
    }
    let (old, new) = (modifiers(from), modifiers(to))
    if new.isEmpty { return true }
    guard !old.isEmpty else { return false }
    switch source {
    case "numeric":
      let (oldScale, newScale) = (old.count > 1 ? old[1] : 0, new.count > 1 ? new[1] : 0)
      return newScale >= oldScale && new[0] - newScale >= old[0] - oldScale
    default:
      return new[0] >= old[0]
    }
  }
}
