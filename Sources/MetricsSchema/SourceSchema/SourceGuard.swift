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

  /// One declared index, as the check reads it: its columns joined by commas.
  struct ExpectedIndex: Relation {
    static let qualifiedName = QualifiedName("expected_index")
    let relation = Column<PG.Text, NotNull>("relation")
    let columnNames = Column<PG.Text, NotNull>("column_names")
    let width = Column<PG.Integer, NotNull>("width")
    let isUnique = Column<PG.Boolean, NotNull>("is_unique")
  }

  /// The key and the indexes the base tables declare: a unique index on the key, an index
  /// leading with each declared index's columns.
  static func baseTableIndexes<S: SourceSchema>(_: S.Type) -> [DeclaredIndex] {
    func declared<T: FactTable>(_: T.Type) -> [DeclaredIndex] {
      let name = T.qualifiedName.rendered
      return (T.uniqueKeys.prefix(1).map { ($0, true) } + T.indexes.map { ($0, false) }).map {
        DeclaredIndex(relation: name, columns: $0.0.map(T.columnName), isUnique: $0.1)
      }
    }
    return declared(S.Calls.self) + declared(S.Orders.self) + declared(S.Reservations.self)
  }

  struct DeclaredIndex {
    let relation: String
    let columns: [String]
    let isUnique: Bool
  }

  /// Each declared index the catalog lacks, once.
  static func indexDifferences(_ indexes: [DeclaredIndex]) -> Select<Difference> {
    let json = indexes.map {
      "{\"relation\": \(quoted($0.relation)), \"column_names\": \(quoted($0.columns.joined(separator: ","))), "
        + "\"width\": \($0.columns.count), \"is_unique\": \($0.isUnique)}"
    }
    return Select(Difference.self) { q, out in
      let e = q.jsonbToRecordset(
        SQLExpression.text("[\n" + json.joined(separator: ",\n") + "\n]").cast(to: PG.JSONB.self),
        as: ExpectedIndex.self, alias: "e")
      let table = toRegclass(e.relation)
      q.where(
        table.isNotNull
          && notExists { sub in
            let i = sub.from(PGIndex.self, as: "i")
            sub.where(
              (i.indrelid == table.cast(to: PG.OID.self)).nullable
                && (i.indisunique || !e.isUnique).nullable
                && scalar { leading in
                  let k = leading.series(from: 1, to: e.width, as: "k")
                  return stringAgg(
                    indexColumnDefinition(i.indexrelid, k.value, true), separator: ",",
                    orderBy: k.value)
                } == e.columnNames)
          })
      out.problem(
        (e.relation ++ .text(" has no ")
          ++ Case(else: SQLExpression<PG.Text, NotNull>.text("")) {
            When(e.isUnique, then: .text("unique "))
          } ++ .text("index leading with (") ++ e.columnNames ++ .text("), declared")).nullable)
    }
  }

  /// Stops the script when `relations`, or the `indexes` of the base tables, differ from their
  /// declarations.
  static func check(
    _ relations: [(any Relation.Type, isTable: Bool)], indexes: [DeclaredIndex] = []
  ) -> Precondition {
    let columns = differences(relations)
    let differences = indexes.isEmpty ? columns : columns.unionAll(indexDifferences(indexes))
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
  static func quoted(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
  }

  static func expectedJSON(_ relations: [(any Relation.Type, isTable: Bool)]) -> String {
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
