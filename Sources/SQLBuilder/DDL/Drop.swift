/// `DROP kind IF EXISTS name [CASCADE | RESTRICT];`
///
/// ```swift
/// Drop.materializedView(MetricsDaily.self, .cascade)
/// // DROP MATERIALIZED VIEW IF EXISTS public.mv_metrics_daily CASCADE;
/// ```
public struct Drop: SQLStatement {
  let kind: String
  let target: DropTarget
  let behavior: DropBehavior?

  /// `DROP TABLE IF EXISTS name`.
  public static func table<R: Relation>(_: R.Type, _ behavior: DropBehavior? = nil) -> Self {
    Self(kind: "TABLE", target: .relation(R.qualifiedName), behavior: behavior)
  }

  /// `DROP TABLE IF EXISTS name` for a table no longer declared: in a script, it lets the next
  /// migration drop the table with its rows.
  public static func table(_ name: QualifiedName, _ behavior: DropBehavior? = nil) -> Self {
    Self(kind: "TABLE", target: .relation(name), behavior: behavior)
  }

  /// `DROP VIEW IF EXISTS name`.
  public static func view<R: Relation>(_: R.Type, _ behavior: DropBehavior? = nil) -> Self {
    Self(kind: "VIEW", target: .relation(R.qualifiedName), behavior: behavior)
  }

  /// `DROP MATERIALIZED VIEW IF EXISTS name`.
  public static func materializedView<R: Relation>(_: R.Type, _ behavior: DropBehavior? = nil)
    -> Self
  {
    Self(kind: "MATERIALIZED VIEW", target: .relation(R.qualifiedName), behavior: behavior)
  }

  /// `DROP FUNCTION IF EXISTS name(argument types)`.
  public static func function(_ signature: FunctionSignature, _ behavior: DropBehavior? = nil)
    -> Self
  {
    Self(kind: "FUNCTION", target: .function(signature), behavior: behavior)
  }

  /// `DROP SCHEMA IF EXISTS name`.
  public static func schema(_ name: String, _ behavior: DropBehavior? = nil) -> Self {
    Self(kind: "SCHEMA", target: .schema(name), behavior: behavior)
  }

  /// `DROP INDEX IF EXISTS schema.name`.
  public static func index(_ name: String, schema: String?, _ behavior: DropBehavior? = nil)
    -> Self
  {
    Self(kind: "INDEX", target: .relation(QualifiedName(schema, name)), behavior: behavior)
  }

  /// `DROP TRIGGER IF EXISTS name ON table`.
  public static func trigger<R: Relation>(
    _ name: String, on _: R.Type, _ behavior: DropBehavior? = nil
  ) -> Self {
    Self(kind: "TRIGGER", target: .onTable(name, R.qualifiedName), behavior: behavior)
  }

  /// `DROP POLICY IF EXISTS name ON table`.
  public static func policy<R: Relation>(
    _ name: String, on _: R.Type, _ behavior: DropBehavior? = nil
  ) -> Self {
    Self(kind: "POLICY", target: .onTable(name, R.qualifiedName), behavior: behavior)
  }

  public func render(into writer: inout SQLWriter) {
    var text = "DROP \(kind) IF EXISTS "
    switch target {
    case .relation(let name): text += writer.name(name)
    case .function(let signature): text += signature.rendered(&writer)
    case .schema(let name): text += writer.identifier(name)
    case .onTable(let name, let table):
      text += "\(writer.identifier(name)) ON \(writer.name(table))"
    }
    if let behavior { text += " " + behavior.rawValue }
    writer.line(text + ";")
  }
}

/// What DROP does with objects that depend on the dropped one.
public enum DropBehavior: String, Sendable {
  /// `CASCADE`: drops them too (a script that drops a view must then recreate its dependents).
  case cascade = "CASCADE"
  /// `RESTRICT`: refuses to drop while they exist (PostgreSQL's default).
  case restrict = "RESTRICT"
}

enum DropTarget: Sendable {
  case relation(QualifiedName)
  case function(FunctionSignature)
  case schema(String)
  case onTable(String, QualifiedName)
}

extension Drop: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    switch target {
    case .relation(let name): validator.name(name)
    case .function(let signature): signature.validate(&validator)
    case .schema(let name): validator.identifier(name)
    case .onTable(let name, let table):
      validator.identifier(name)
      validator.name(table)
    }
  }
}
