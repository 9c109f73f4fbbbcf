import SQLBuilder

/// Schema `test_facts`: for each fact view, a view with the columns a test writes
/// (``WrittenCalls``, …) over the base table, made writable by INSTEAD OF triggers that write
/// base rows as ``FactTable/row(_:_:)`` says. A test that writes facts through them runs on any
/// source schema whose declaration is set.
///
/// ```sql
/// INSERT INTO test_facts.calls VALUES ('c1', '1000…', 'completed', 'order', now());
/// -- INSERT INTO public.calls (id, …) SELECT new.id, … (or the team's own table and columns)
/// ```
enum TestHelpers<S: SourceSchema> {
  /// pgTAP's `plan(count)`.
  static var plan: SQLFunction<PG.Integer, PG.Text> { SQLFunction("plan") }
  /// pgTAP's `ok(condition, description)`.
  static var ok: SQLFunction<PG.Boolean, PG.Text, PG.Text> { SQLFunction("ok") }

  static var statements: [any SQLStatement] {
    [CreateSchema("test_facts")] + helpers(S.Calls.self) + helpers(S.Orders.self)
      + helpers(S.Reservations.self) + [declaredColumns]
  }

  /// `test_facts.mv_metrics_daily_columns`: the view's columns as `MetricsDaily` declares them,
  /// in order, which the pgTAP files check the catalog and the rows against.
  static var declaredColumns: CreateView<DeclaredColumn> {
    CreateView(DeclaredColumn.self, orReplace: true) {
      Select(DeclaredColumn.self) { q, out in
        let json = MetricsDaily.columns.enumerated().map { ordinal, column in
          "{\"ordinal\": \(ordinal + 1), \"column_name\": \(SourceGuard.quoted(column.name)), "
            + "\"type_name\": \(SourceGuard.quoted(column.typeInfo.name)), \"not_null\": \(!column.typeInfo.isNullable)}"
        }
        out.columns(
          of: q.jsonbToRecordset(
            SQLExpression.text("[\n" + json.joined(separator: ",\n") + "\n]").cast(
              to: PG.JSONB.self), as: DeclaredColumn.self, alias: "c"))
      }
    }
  }

  /// The view over `T` and the triggers that write `T`'s rows through it.
  static func helpers<T: FactTable>(_: T.Type) -> [any SQLStatement] {
    typealias Written = T.Fact.Written
    let kind = T.Fact.kind
    let insert = Function("test_facts", "insert_\(kind)")
    let update = Function("test_facts", "update_\(kind)")
    let delete = Function("test_facts", "delete_\(kind)")
    return [
      CreateView(Written.self, orReplace: true) {
        Select(Written.self) { q, out in
          out.columns(of: q.from(FactSources.view(T.self), as: "f"))
        }
      },
      CreateFunction(insert, returns: .trigger, settings: [.emptySearchPath]) { _ in
        insertRow(T.self)
        Return.new
      },
      CreateFunction(update, returns: .trigger, settings: [.emptySearchPath]) { _ in
        deleteRow(T.self)
        insertRow(T.self)
        Return.new
      },
      CreateFunction(delete, returns: .trigger, settings: [.emptySearchPath]) { _ in
        deleteRow(T.self)
        Return.old
      },
      CreateTrigger(
        "insert_\(kind)", .insteadOf, [.insert], on: Written.self, forEach: .row,
        execute: insert),
      CreateTrigger(
        "update_\(kind)", .insteadOf, [.update], on: Written.self, forEach: .row,
        execute: update),
      CreateTrigger(
        "delete_\(kind)", .insteadOf, [.delete], on: Written.self, forEach: .row,
        execute: delete),
    ]
  }

  /// `INSERT INTO table SELECT …` of the base row `NEW` makes.
  static func insertRow<T: FactTable>(_: T.Type) -> Insert<T> {
    let new = Source<T.Fact.Written>(SourceReference(T.Fact.Written.self, triggerRecord: "new"))
    return Insert(into: T.self, Select(T.self) { _, out in T.row(new, out) })
  }

  /// `DELETE FROM table WHERE <the view's id> = old.id`.
  static func deleteRow<T: FactTable>(_: T.Type) -> Delete<T> {
    let old = SourceReference(T.Fact.Written.self, triggerRecord: "old")
    return Delete(from: T.self, as: "b") { q, b in
      guard let id = FactSources.expression("id", of: T.self, over: b.reference) else {
        preconditionFailure("\(T.qualifiedName): the view's id is not set")
      }
      let oldID = SQLNode.column(old.column(named: "id", readAsNotNull: true))
      q.where(
        SQLExpression<PG.Boolean, Nullable>(
          unchecked: .binary(op: "=", left: id, right: oldID, precedence: .comparison)))
    }
  }
}

/// A column of `mv_metrics_daily` as declared: `test_facts.mv_metrics_daily_columns`.
struct DeclaredColumn: Relation {
  static let qualifiedName = QualifiedName("test_facts", "mv_metrics_daily_columns")
  let ordinal = Column<PG.Integer, NotNull>("ordinal")
  let columnName = Column<PG.Text, NotNull>("column_name")
  let typeName = Column<PG.Text, NotNull>("type_name")
  let notNull = Column<PG.Boolean, NotNull>("not_null")
}
