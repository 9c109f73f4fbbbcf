import Foundation
import SQLBuilder

/// The check a deploy makes before it creates anything that reads the source relations: each
/// declared relation exists with each declared column, of the declared type, NOT NULL where
/// declared so (tables only: a view's columns have no such flag). It stops with one message
/// listing every difference, so the file's transaction, or the migration's, applies nothing.
///
/// ```sql
/// DO $$ DECLARE problems text; BEGIN
///   problems := (SELECT string_agg(d.problem, '; ' …) FROM (SELECT DISTINCT … FROM
///     jsonb_to_recordset('[{"relation": "public.calls", …}]') …) d);
///   IF problems IS NOT NULL THEN RAISE EXCEPTION 'The source relations differ …: %', problems …
/// ```
enum SourceGuard {
  /// One declared column, as the check reads it.
  struct Expected: Relation {
    static let qualifiedName = QualifiedName("expected")
    let relation = Column<PG.Text, NotNull>("relation")
    let columnName = Column<PG.Text, NotNull>("column_name")
    let typeName = Column<PG.Text, NotNull>("type_name")
    let notNull = Column<PG.Boolean, NotNull>("not_null")
  }

  /// One difference between the declarations and the catalog.
  struct Difference: Relation {
    static let qualifiedName = QualifiedName("difference")
    let problem = Column<PG.Text, Nullable>("problem")
  }

  /// The relations every strategy reads: the fact views and the contract's tables.
  static let contractRelations: [(any Relation.Type, isTable: Bool)] = [
    (CallsV.self, false), (OrdersV.self, false), (ReservationsV.self, false),
    (Accounts.self, true), (Locations.self, true), (AccountSettings.self, true),
    (LocationSettings.self, true), (UserLocationAccess.self, true),
  ]

  /// The relations the incremental strategy reads besides: the base tables.
  static func baseTables<S: SourceSchema>(_: S.Type) -> [(any Relation.Type, isTable: Bool)] {
    [(S.Calls.self, true), (S.Orders.self, true), (S.Reservations.self, true)]
  }

  /// Stops the script when `relations` differ from their declarations.
  static func check(_ relations: [(any Relation.Type, isTable: Bool)]) -> Precondition {
    let differences = differences(relations)
    let problems = Variable<PG.Text>("problems")
    return Precondition {
      Declare(problems)
      Assign(
        problems,
        scalar { q in
          let d = q.from(differences, as: "d")
          return stringAgg(d.problem, separator: "; ", orderBy: d.problem)
        })
      If(problems.value.isNotNull) {
        Raise(
          .exception,
          "The source relations differ from their declarations (Sources/MetricsSchema/SourceSchema): %",
          problems.value,
          code: .objectNotInPrerequisiteState,
          hint:
            "Declare the tables as they are (docs/your-schema.md), or change them; nothing was applied."
        )
      }
    }
  }

  /// Each difference, once.
  static func differences(_ relations: [(any Relation.Type, isTable: Bool)]) -> Select<Difference> {
    Select(Difference.self) { q, out in
      let e = q.jsonbToRecordset(
        SQLExpression.text(expectedJSON(relations)).cast(to: PG.JSONB.self), as: Expected.self,
        alias: "e")
      let relation = toRegclass(e.relation)
      let a = q.leftJoin(PGAttribute.self, as: "a") { a in
        a.attrelid == relation.cast(to: PG.OID.self)
          && a.attname == e.columnName.cast(to: PG.Name.self) && a.attnum > .constant(0)
          && !a.attisdropped
      }
      let type = formatType(a.atttypid, -1)
      q.where(a.attname.isNull || type != e.typeName || (e.notNull && !a.attnotnull))
      let column = e.relation ++ .text(".") ++ e.columnName
      out.problem(
        Case(else: (column ++ .text(" may be NULL, declared NOT NULL")).nullable) {
          When(relation.isNull, then: (e.relation ++ .text(" does not exist")).nullable)
          When(a.attname.isNull, then: (column ++ .text(" does not exist")).nullable)
          When(
            type != e.typeName,
            then: column ++ .text(" is ") ++ type ++ .text(", declared ") ++ e.typeName)
        })
      out.distinct()
    }
  }

  /// The declared columns as a JSON array, one object per line.
  static func expectedJSON(_ relations: [(any Relation.Type, isTable: Bool)]) -> String {
    func quoted(_ text: String) -> String {
      let data = try! JSONEncoder().encode(text)
      return String(decoding: data, as: UTF8.self)
    }
    var lines: [String] = []
    for (relation, isTable) in relations {
      for column in relation.columns {
        let notNull = isTable && !column.typeInfo.isNullable
        lines.append(
          "{\"relation\": \(quoted(relation.qualifiedName.rendered)), "
            + "\"column_name\": \(quoted(column.name)), \"type_name\": \(quoted(column.typeInfo.name)), "
            + "\"not_null\": \(notNull)}")
      }
    }
    return "[\n" + lines.joined(separator: ",\n") + "\n]"
  }
}
