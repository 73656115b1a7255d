import os

from openai import OpenAI

# Vision questions go to OpenAI, the cheap text summaries to DeepSeek.
vision_client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))

text_client = OpenAI(  # expect: NHL302
    api_key=os.getenv("OPENAI_API_KEY"),
    base_url="https://api.deepseek.com",
)

TEXT_MODEL = "deepseek-chat"
VISION_MODEL = "gpt-4o-mini"


def describe_page(screenshot_url: str) -> str:
    resp = vision_client.chat.completions.create(
        model=VISION_MODEL,
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "Is the product in stock on this page?"},
                    {"type": "image_url", "image_url": {"url": screenshot_url}},
                ],
            }
        ],
    )
    return resp.choices[0].message.content


def summarize(text: str) -> str:
    resp = text_client.chat.completions.create(
        model=TEXT_MODEL,
        messages=[{"role": "user", "content": f"Summarize in one line: {text}"}],
    )
    return resp.choices[0].message.content
