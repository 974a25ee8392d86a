from fastapi import FastAPI, UploadFile

from .assistant import answer

app = FastAPI(title="Dauys")


@app.post("/v1/ask")
async def ask(audio: UploadFile, language: str = "kk") -> dict:
    path = f"/tmp/{audio.filename}"
    with open(path, "wb") as f:
        f.write(await audio.read())
    return {"answer": answer(path, language)}
