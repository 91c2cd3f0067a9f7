# The inspect function's image: the same app.py and chalicelib as every other function, with the photo
# detectors installed beside them (infra/inspect_image.py says why this one function is an image).
FROM public.ecr.aws/lambda/python:3.11

COPY requirements.txt requirements-inspect.txt /tmp/requirements/
# rapidocr-onnxruntime asks for opencv-python, whose GUI build needs libGL, which this base image lacks:
# both builds are removed after the install and the headless one put back alone, at the pinned version.
RUN pip install --no-cache-dir -r /tmp/requirements/requirements.txt -r /tmp/requirements/requirements-inspect.txt \
 && pip uninstall -y opencv-python opencv-python-headless \
 && pip install --no-cache-dir --no-deps "$(grep '^opencv-python-headless==' /tmp/requirements/requirements-inspect.txt)" \
 && python -c "import cv2, rapidocr_onnxruntime; cv2.CascadeClassifier(cv2.data.haarcascades + 'haarcascade_frontalface_alt2.xml')" \
 && rm -rf /tmp/requirements

COPY app.py ${LAMBDA_TASK_ROOT}/
COPY chalicelib ${LAMBDA_TASK_ROOT}/chalicelib

CMD ["app.on_inspect"]
