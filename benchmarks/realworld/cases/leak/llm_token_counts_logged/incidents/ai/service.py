import logging

import tiktoken
from openai import OpenAI

from incidents.config import OPENAI_API_KEY

log = logging.getLogger(__name__)

MODEL_TOKEN_LIMITS = {"gpt-4o": 128000, "gpt-4o-mini": 128000}


def num_tokens_from_string(message: str, model: str):
    try:
        encoding = tiktoken.encoding_for_model(model)
    except KeyError:
        log.warning(f"We could not map {model} to a tokeniser. Using o200k_base encoding.")
        encoding = tiktoken.get_encoding("o200k_base")
    tokenized = encoding.encode(message)
    return tokenized, len(tokenized), encoding


def truncate_prompt(tokenized_prompt, num_tokens, encoding, model_token_limit):
    excess_tokens = num_tokens - model_token_limit
    truncated = encoding.decode(tokenized_prompt[:-excess_tokens])
    log.warning(f"GenAI prompt truncated to fit within {model_token_limit} tokens.")
    return truncated


def summarize(prompt: str, model: str = "gpt-4o-mini") -> str:
    tokenized, num_tokens, encoding = num_tokens_from_string(prompt, model)
    limit = MODEL_TOKEN_LIMITS.get(model, 8192)
    if num_tokens > limit:
        prompt = truncate_prompt(tokenized, num_tokens, encoding, limit)
    client = OpenAI(api_key=OPENAI_API_KEY)
    response = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
    usage = response.usage
    log.info("GenAI summary used %s prompt tokens and %s completion tokens", usage.prompt_tokens, usage.completion_tokens)
    return response.choices[0].message.content
