# moto's server as the local runtime starts it (python -c this file's text; the arguments after it reach moto's own
# main()), with moto 5.2.1's S3 event records and DynamoDB item writes made to behave as AWS's do. Fails at start if
# moto's internals moved. Why each change is needed: MotoServer's Javadoc.
import datetime, threading, time
from urllib.parse import quote_plus
import moto.s3.notifications as notifications
from moto.server import main

moto_event = notifications._get_s3_event
lock = threading.Lock()
last = [0]

def s3_event(event_name, bucket, key, notification_id):
    event = moto_event(event_name, bucket, key, notification_id)
    record = event["Records"][0]
    now = datetime.datetime.now(datetime.timezone.utc)
    record["eventTime"] = now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
    s3_object = record["s3"]["object"]
    s3_object["key"] = quote_plus(key.name, safe="/")
    if str(getattr(key, "version_id", "null")) != "null":
        s3_object["versionId"] = key.version_id
    with lock:
        last[0] = max(last[0] + 1, time.time_ns())
        s3_object["sequencer"] = format(last[0], "016X")
    return event

notifications._get_s3_event = s3_event

import moto.dynamodb.models as dynamodb
one_at_a_time = threading.RLock()

def atomic(operation):
    def run(*args, **kwargs):
        with one_at_a_time:
            return operation(*args, **kwargs)
    return run

for name in ("get_item", "put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(dynamodb.DynamoDBBackend, name, atomic(getattr(dynamodb.DynamoDBBackend, name)))
main()
