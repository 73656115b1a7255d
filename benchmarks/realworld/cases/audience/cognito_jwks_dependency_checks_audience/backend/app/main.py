import uuid

import boto3
from fastapi import Depends, FastAPI, File, HTTPException, UploadFile

from .auth import get_current_user
from .crud import create_job, get_job, get_jobs_by_user

app = FastAPI(title="ETL SaaS API")
s3 = boto3.client("s3")
UPLOAD_BUCKET = "etl-uploads"


@app.post("/api/upload")
async def upload_csv(file: UploadFile = File(...), user: dict = Depends(get_current_user)):
    if not file.filename.endswith(".csv"):
        raise HTTPException(400, "Only CSV allowed")
    job_id = str(uuid.uuid4())
    key = f"uploads/{user['sub']}/{job_id}_{file.filename}"
    s3.put_object(Bucket=UPLOAD_BUCKET, Key=key, Body=await file.read())
    create_job(job_id, user["sub"], file.filename, key)
    return {"job_id": job_id, "status": "QUEUED"}


@app.get("/api/jobs")
def list_jobs(user: dict = Depends(get_current_user)):
    return get_jobs_by_user(user["sub"])


@app.get("/api/jobs/{job_id}")
def job_detail(job_id: str, user: dict = Depends(get_current_user)):
    job = get_job(job_id)
    if job.get("userId") != user["sub"]:
        raise HTTPException(403)
    return job
