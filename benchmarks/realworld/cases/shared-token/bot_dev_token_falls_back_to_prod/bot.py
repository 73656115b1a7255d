from telegram.ext import ApplicationBuilder, CommandHandler

from config import BOT_TOKEN, MODE, PORT, WEB_HOOK


async def start(update, context):
    await update.message.reply_text("Hi! Send me a question.")


def main():
    application = ApplicationBuilder().token(BOT_TOKEN).build()
    application.add_handler(CommandHandler("start", start))
    if MODE == "prod":
        application.run_webhook(listen="0.0.0.0", port=PORT, webhook_url=WEB_HOOK)
    else:
        application.run_polling()


if __name__ == "__main__":
    main()
