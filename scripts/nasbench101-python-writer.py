"""Writes NAS-Bench-101 records in the official format with Python's own libraries (PyPI
`protobuf` for ModelMetrics, `crc32c` for the TFRecord checksums), independently of agnet's Swift
code, and the means over runs that an import must produce.

Used to make Tests/Fixtures/nasbench101/three_repeats_python*.tfrecord (see
scripts/make-nasbench101-python-fixtures.sh, which installs the two packages in a throwaway
virtual environment). The message type is built at run time from a descriptor equal to
google-research/nasbench lib/model_metrics.proto, so no protoc is needed.

usage: nasbench101-python-writer.py THREE_REPEATS_JSON OUTPUT_PREFIX
writes OUTPUT_PREFIX.tfrecord (start/halfway/end evaluations, trainable_parameters),
OUTPUT_PREFIX_extra.tfrecord (the same plus checkpoint_path, total_time and a field the
schema does not have) and OUTPUT_PREFIX_means.csv.
"""
import base64
import json
import struct
import sys

import crc32c
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

OPS = ["conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3"]


def model_metrics_class():
    f = descriptor_pb2.FileDescriptorProto(name="model_metrics.proto", package="nasbench", syntax="proto2")
    T = descriptor_pb2.FieldDescriptorProto
    ev = f.message_type.add(name="EvaluationData")
    for number, name, kind in [(1, "current_epoch", T.TYPE_DOUBLE), (2, "training_time", T.TYPE_DOUBLE),
                               (3, "train_accuracy", T.TYPE_DOUBLE), (4, "validation_accuracy", T.TYPE_DOUBLE),
                               (5, "test_accuracy", T.TYPE_DOUBLE), (6, "checkpoint_path", T.TYPE_STRING)]:
        ev.field.add(name=name, number=number, type=kind, label=T.LABEL_OPTIONAL)
    mm = f.message_type.add(name="ModelMetrics")
    mm.field.add(name="evaluation_data", number=1, type=T.TYPE_MESSAGE, label=T.LABEL_REPEATED,
                 type_name=".nasbench.EvaluationData")
    mm.field.add(name="trainable_parameters", number=2, type=T.TYPE_INT32, label=T.LABEL_OPTIONAL)
    mm.field.add(name="total_time", number=3, type=T.TYPE_DOUBLE, label=T.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(f)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("nasbench.ModelMetrics"))


ModelMetrics = model_metrics_class()


def masked_crc(data):
    crc = crc32c.crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(payload):
    header = struct.pack("<Q", len(payload))
    return header + struct.pack("<I", masked_crc(header)) + payload + struct.pack("<I", masked_crc(payload))


def matrix_text(n, bits):
    # Table convention: edge x->y (x<y) is bit y*(y-1)/2 + x; the file stores the matrix row by row.
    return "".join("1" if x < y and bits >> (y * (y - 1) // 2 + x) & 1 else "0" for x in range(n) for y in range(n))


def row(cell, epochs, run, extra):
    m = ModelMetrics()
    m.evaluation_data.add(current_epoch=0.0, training_time=0.0)
    m.evaluation_data.add(current_epoch=epochs / 2, training_time=run["halfway_training_time"],
                          train_accuracy=run["halfway_train_accuracy"],
                          validation_accuracy=run["halfway_validation_accuracy"],
                          test_accuracy=run["halfway_test_accuracy"])
    final = m.evaluation_data.add(current_epoch=float(epochs), training_time=run["final_training_time"],
                                  train_accuracy=run["final_train_accuracy"],
                                  validation_accuracy=run["final_validation_accuracy"],
                                  test_accuracy=run["final_test_accuracy"])
    m.trainable_parameters = cell["trainable_parameters"]
    data = m.SerializeToString()
    if extra:
        final.checkpoint_path = "/tmp/model_dir/model.ckpt-%d" % (epochs * 390)
        m.total_time = run["final_training_time"] + 123.25
        # field 7, varint: not in the schema, a reader must skip it
        data = m.SerializeToString() + bytes([7 << 3 | 0, 42])
    labels = ",".join(["input"] + [OPS[int(d)] for d in cell["ops"]] + ["output"])
    return json.dumps([cell["hash"], epochs, matrix_text(cell["n_vertices"], cell["adj_bits"]), labels,
                       base64.b64encode(data).decode("ascii")]).encode("utf-8")


def main(source, prefix):
    cells = json.load(open(source))
    for extra, path in [(False, prefix + ".tfrecord"), (True, prefix + "_extra.tfrecord")]:
        with open(path, "wb") as out:
            for cell in cells:
                for run in cell["epochs"]["108"]:
                    out.write(record(row(cell, 108, run, extra)))
    with open(prefix + "_means.csv", "w") as out:
        out.write("hash,valid_acc_108,test_acc_108,train_time_108_s\n")
        for cell in sorted(cells, key=lambda c: c["hash"]):
            runs = cell["epochs"]["108"]
            mean = lambda key, scale: sum(r[key] for r in runs) / len(runs) * scale
            out.write("%s,%r,%r,%r\n" % (cell["hash"], mean("final_validation_accuracy", 100),
                                         mean("final_test_accuracy", 100), mean("final_training_time", 1)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
