import discord

from constants import GUILD_ID, TOKEN

intents = discord.Intents.default()
client = discord.Client(intents=intents)


@client.event
async def on_ready():
    guild = client.get_guild(GUILD_ID)
    print(f"ready in {guild.name if guild else GUILD_ID}")


client.run(TOKEN)
