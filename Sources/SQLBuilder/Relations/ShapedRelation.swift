/// A relation with the columns of another, `Shape`, under a name of its own: a log of a table's
/// rows, a trigger's transition table, a CTE of rows read from it. Columns the type declares
/// itself come first, then `Shape`'s, or where it declares a ``ShapeColumns``:
///
/// ```swift
/// struct CallLog: ShapedRelation {
///   typealias Shape = Calls
///   static let qualifiedName = QualifiedName("private", "call_log")
///   let sign = Column<PG.SmallInt, NotNull>("sign")
/// }
/// // CREATE TABLE private.call_log (sign smallint NOT NULL, id text NOT NULL, …)
/// ```
///
/// One declaration of `Shape` is then the only list of its columns: adding one adds it to
/// every relation shaped like it.
@dynamicMemberLookup
public protocol ShapedRelation: Relation {
  /// The relation whose columns these rows have.
  associatedtype Shape: Relation
}

extension ShapedRelation {
  /// A column of `Shape`: `log.id` reads the log's `id`.
  public subscript<T>(dynamicMember keyPath: KeyPath<Shape, T>) -> T {
    Shape()[keyPath: keyPath]
  }
}

/// Where a ``ShapedRelation`` has its shape's columns among its own:
/// `let counts = ShapeColumns()` between two columns puts them there.
public struct ShapeColumns: Sendable {
  public init() {}
}

/// The columns of a shaped relation: its own, with `R.Shape`'s where it declares a
/// ``ShapeColumns``, else after them.
func shapedColumns<R: ShapedRelation>(_: R.Type) -> [any AnyColumn] {
  var columns: [any AnyColumn] = []
  var placed = false
  for child in Mirror(reflecting: R()).children {
    if let column = child.value as? any AnyColumn {
      columns.append(column)
    } else if child.value is ShapeColumns {
      columns += R.Shape.columns
      placed = true
    }
  }
  return placed ? columns : columns + R.Shape.columns
}

extension Source where R: ShapedRelation {
  /// The same rows read as `Shape`: `new_calls` handed to a definition over `calls`.
  public var asShape: Source<R.Shape> { Source<R.Shape>(reference) }
}

extension OptionalSource where R: ShapedRelation {
  /// The same rows read as `Shape`.
  public var asShape: OptionalSource<R.Shape> { OptionalSource<R.Shape>(reference) }
}

/// `b.k = a.k AND … AND a.c IS NOT DISTINCT FROM b.c AND …`: whether `a` and `b` are the same
/// row, equal on `key`, with the same values in every other column `R` declares.
public func sameRow<R: Relation>(
  _ a: Source<R>, _ b: Source<R>, key: [PartialKeyPath<R>]
) -> SQLExpression<PG.Boolean, NotNull> {
  let keyNames = key.map(R.columnName)
  func column(_ source: Source<R>, _ column: any AnyColumn) -> SQLNode {
    .column(source.reference.column(named: column.name, readAsNotNull: !column.typeInfo.isNullable))
  }
  let equal = R.columns.filter { keyNames.contains($0.name) }.map {
    SQLNode.binary(op: "=", left: column(b, $0), right: column(a, $0), precedence: .comparison)
  }
  let notDistinct = R.columns.filter { !keyNames.contains($0.name) }.map {
    SQLNode.binary(
      op: "IS NOT DISTINCT FROM", left: column(a, $0), right: column(b, $0), precedence: .isTest)
  }
  let all = equal + notDistinct
  precondition(!all.isEmpty, "\(R.qualifiedName) declares no columns")
  return .init(
    unchecked: all.dropFirst().reduce(all[0]) {
      .binary(op: "AND", left: $0, right: $1, precedence: .and)
    })
}
