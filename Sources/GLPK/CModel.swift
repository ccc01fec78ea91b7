internal import CGLPKShims
import LinearProgramming

/// Names as one UTF-8 buffer plus `count + 1` offsets, the shape the shim takes.
struct PackedNames {
    var bytes: [CChar] = []
    var offsets: [Int64] = [0]

    init(_ names: [String]) {
        offsets.reserveCapacity(names.count + 1)
        for name in names {
            bytes.append(contentsOf: name.utf8.map { CChar(bitPattern: $0) })
            offsets.append(Int64(bytes.count))
        }
        bytes.append(0)
    }
}

/// Lends `model` to C as a `cpg_model` for the duration of `body`. Nothing
/// is copied: the struct points into the model's arrays.
func withCModel<R>(
    _ model: LinearModel, names: Bool, _ body: (UnsafePointer<cpg_model>) throws -> R
) rethrows -> R {
    let colNames = names ? PackedNames(model.columnNames) : nil
    let rowNames = names ? PackedNames(model.rowNames) : nil
    return try model.objective.withUnsafeBufferPointer { obj in
        try model.columnLower.withUnsafeBufferPointer { clb in
            try model.columnUpper.withUnsafeBufferPointer { cub in
                try model.isInteger.withUnsafeBufferPointer { ints in
                    try ints.withMemoryRebound(to: UInt8.self) { intBytes in
                        try model.rowLower.withUnsafeBufferPointer { rlb in
                            try model.rowUpper.withUnsafeBufferPointer { rub in
                                try model.entryRows.withUnsafeBufferPointer { ia in
                                    try model.entryColumns.withUnsafeBufferPointer { ja in
                                        try model.entryValues.withUnsafeBufferPointer { ar in
                                            try model.name.withCString { problemName in
                                                try withNames(colNames) { cn, co in
                                                    try withNames(rowNames) { rn, ro in
                                                        var c = cpg_model()
                                                        c.rows = Int32(model.constraintCount)
                                                        c.cols = Int32(model.variableCount)
                                                        c.maximize = model.sense == .maximize ? 1 : 0
                                                        c.obj_offset = model.objectiveOffset
                                                        c.obj = obj.baseAddress
                                                        c.col_lb = clb.baseAddress
                                                        c.col_ub = cub.baseAddress
                                                        c.col_int = intBytes.baseAddress
                                                        c.row_lb = rlb.baseAddress
                                                        c.row_ub = rub.baseAddress
                                                        c.nnz = Int64(model.nonzeroCount)
                                                        c.ia = ia.baseAddress
                                                        c.ja = ja.baseAddress
                                                        c.ar = ar.baseAddress
                                                        c.name = names ? problemName : nil
                                                        c.col_names = cn
                                                        c.col_name_off = co
                                                        c.row_names = rn
                                                        c.row_name_off = ro
                                                        return try withUnsafePointer(to: &c) { try body($0) }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

private func withNames<R>(
    _ names: PackedNames?,
    _ body: (UnsafePointer<CChar>?, UnsafePointer<Int64>?) throws -> R
) rethrows -> R {
    guard let names else { return try body(nil, nil) }
    return try names.bytes.withUnsafeBufferPointer { b in
        try names.offsets.withUnsafeBufferPointer { o in try body(b.baseAddress, o.baseAddress) }
    }
}

/// The text of a NUL-terminated C buffer.
func cString(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
