import SQLBuilder

/// The base tables and the fact views as the declarations say, for a database that has none:
/// the tests', or a plain PostgreSQL to try the project on. A real project has its own; the
/// deploy-time check compares them with the same declarations.
///
/// ```sql
/// CREATE TABLE public.calls (id text NOT NULL, …, PRIMARY KEY (id));
/// CREATE VIEW public.calls_v AS SELECT c.id, l.account_id, … FROM public.calls c LEFT JOIN …;
/// ```
enum EmulatedSources<S: SourceSchema> {
  static var statements: [any SQLStatement] {
    table(S.Calls.self) + table(S.Orders.self) + table(S.Reservations.self)
      + view(S.Calls.self) + view(S.Orders.self) + view(S.Reservations.self)
  }

  /// `T` with the columns it declares, its key as primary key, and the indexes it declares.
  static func table<T: FactTable>(_: T.Type) -> [any SQLStatement] {
    var statements: [any SQLStatement] = [
      CreateTable(T.self) { t in
        if let key = T.uniqueKeys.first { t.primaryKey(key) }
      }
    ]
    for (number, columns) in T.indexes.enumerated() {
      statements.append(
        index("\(T.qualifiedName.name)_\(number + 1)", on: T.self, columns))
    }
    statements.append(Revoke(.all, on: .table(T.self), from: .anon, .authenticated))
    return statements
  }

  /// `T`'s fact view, as its declaration computes it.
  static func view<T: FactTable>(_: T.Type) -> [any SQLStatement] {
    [
      CreateView(T.Fact.self) { FactSources.view(T.self) },
      Revoke(.all, on: .table(T.Fact.self), from: .anon, .authenticated),
    ]
  }
}

extension MetricsScripts {
  /// `fact_sources.sql`: the base tables and fact views ``EmulatedSources`` creates over the
  /// declarations of `sources`.
  public static func emulation<S: SourceSchema>(sources _: S.Type) -> SQLScript {
    SQLScript(
      "fact_sources.sql",
      header: header(
        "The base tables behind the fact views, and the views, as declared in Sources/MetricsSchema/SourceSchema: for a database that has none (tests, a plain PostgreSQL). Apply after source_relations.sql."
      )
    ) {
      EmulatedSources<S>.statements
    }
  }

  /// `fact_sources.sql` over ``SourceTables``.
  public static let emulation = emulation(sources: SourceTables.self)
}
