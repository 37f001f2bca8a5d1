using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class SeedCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "content_items",
                columns: new[] { "item_id", "body", "channels", "kind", "labels", "moments", "priority", "risk", "segment", "stages", "tags", "tiers", "title", "updated_at", "valid_from", "valid_to", "version" },
                values: new object[,]
                {
                    { "auto-invest", "Invest a fixed amount every month.", new string[0], "Feature", new[] { "how-to" }, new string[0], 30, null, null, new string[0], new string[0], new string[0], "Automatic investing", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "balanced-fund", "Stocks and bonds in one fund.", new string[0], "Product", new[] { "funds" }, new string[0], 50, 3, null, new string[0], new string[0], new string[0], "Balanced fund", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "bond-fund", "Steady income from government and corporate bonds.", new string[0], "Product", new[] { "bonds" }, new string[0], 55, 2, null, new string[0], new string[0], new string[0], "Bond fund", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "csi300-etf", "China's 300 largest listed companies in one trade.", new string[0], "Product", new[] { "etf" }, new string[0], 45, 4, null, new string[0], new string[0], new string[0], "CSI 300 ETF", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "growth-stock-fund", "Concentrated in fast-growing companies.", new string[0], "Product", new[] { "funds" }, new string[0], 40, 5, null, new string[0], new string[0], new string[0], "Growth stock fund", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m01-inbox", "You registered but have not started your application yet. It takes about 5 minutes: have your ID and bank card ready.", new[] { "inbox" }, "Feature", new[] { "moment-m01", "open-account" }, new[] { "M01" }, 50, null, null, new string[0], new string[0], new string[0], "Open your account in 5 minutes", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m01-push", "Pick up where you left off: open your account in the app now.", new[] { "push" }, "Feature", new[] { "moment-m01", "open-account" }, new[] { "M01" }, 50, null, null, new string[0], new string[0], new string[0], "Your account is 5 minutes away", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m02-advisor-task", "The prospect stopped during the account application. Offer to help with the step where it stopped.", new[] { "advisor_task" }, "Feature", new[] { "moment-m02", "continue-application" }, new[] { "M02" }, 50, null, null, new string[0], new string[0], new string[0], "Help a prospect finish the application", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m02-inbox", "Your account application is saved. Open the app to continue from the step where you stopped.", new[] { "inbox" }, "Feature", new[] { "moment-m02", "continue-application" }, new[] { "M02" }, 50, null, null, new string[0], new string[0], new string[0], "Continue your application", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m02-push", "Your application is waiting for you. Continue where you stopped.", new[] { "push" }, "Feature", new[] { "moment-m02", "continue-application" }, new[] { "M02" }, 50, null, null, new string[0], new string[0], new string[0], "Almost there", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m02-sms", "Your account application is waiting: continue in the app.", new[] { "sms" }, "Feature", new[] { "moment-m02", "continue-application" }, new[] { "M02" }, 50, null, null, new string[0], new string[0], new string[0], "Your account application is waiting: continue in the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m03-advisor-task", "The application was sent back. Call the client and help it fix what was asked for.", new[] { "advisor_task" }, "Service", new[] { "moment-m03", "resubmit-application" }, new[] { "M03" }, 50, null, null, new string[0], new string[0], new string[0], "Help a client resubmit its application", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m03-inbox", "We could not approve your application as it is. Open the app to see what to fix and resubmit.", new[] { "inbox" }, "Service", new[] { "moment-m03", "resubmit-application" }, new[] { "M03" }, 50, null, null, new string[0], new string[0], new string[0], "Your application needs a change", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m03-sms", "We need one more thing for your application. Open the app.", new[] { "sms" }, "Service", new[] { "moment-m03", "resubmit-application" }, new[] { "M03" }, 50, null, null, new string[0], new string[0], new string[0], "We need one more thing for your application. Open the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m04-inbox", "Your account is open. Here is how to make your first deposit and start investing.", new[] { "inbox" }, "Feature", new[] { "moment-m04", "funding-guide" }, new[] { "M04" }, 50, null, null, new string[0], new string[0], new string[0], "Welcome to your new account", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m04-push", "Fund your account to start investing: it takes a minute in the app.", new[] { "push" }, "Feature", new[] { "moment-m04", "funding-guide" }, new[] { "M04" }, 50, null, null, new string[0], new string[0], new string[0], "Welcome! Your account is open", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m05-advisor-task", "The client opened its account 3 days ago and has not deposited yet. Offer help with the first deposit.", new[] { "advisor_task" }, "Feature", new[] { "moment-m05", "funding-guide" }, new[] { "M05" }, 50, null, null, new string[0], new string[0], new string[0], "Help a new client fund its account", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m05-inbox", "Your account has been open for a few days. A first deposit lets you start investing.", new[] { "inbox" }, "Feature", new[] { "moment-m05", "funding-guide" }, new[] { "M05" }, 50, null, null, new string[0], new string[0], new string[0], "Make your first deposit", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m05-sms", "Your account is ready. Make your first deposit in the app.", new[] { "sms" }, "Feature", new[] { "moment-m05", "funding-guide" }, new[] { "M05" }, 50, null, null, new string[0], new string[0], new string[0], "Your account is ready. Make your first deposit in the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m06-inbox", "Thank you. Here is how to place your first trade or buy your first product.", new[] { "inbox" }, "Feature", new[] { "moment-m06", "funding-guide" }, new[] { "M06" }, 50, null, null, new string[0], new string[0], new string[0], "Your first deposit has arrived", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m07-inbox", "Your account is funded. Our market insights and product pages help you choose a first investment.", new[] { "inbox" }, "Insight", new[] { "moment-m07", "first-trade" }, new[] { "M07" }, 50, null, null, new string[0], new string[0], new string[0], "Your first investment", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m07-push", "Your deposit is waiting. See today's market insights and pick your first investment.", new[] { "push" }, "Insight", new[] { "moment-m07", "first-trade" }, new[] { "M07" }, 50, null, null, new string[0], new string[0], new string[0], "Ready for your first investment?", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m08-inbox", "You are now {{stage}}. Follow our insights to keep track of your investments.", new[] { "inbox" }, "Insight", new[] { "moment-m08", "next-steps" }, new[] { "M08" }, 50, null, null, new string[0], new string[0], new string[0], "Congratulations on your first investment", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m09-inbox", "Part of your account has been idle for 5 days. Products matching your risk level {{riskTolerance}} are in the app.", new[] { "inbox" }, "Service", new[] { "moment-m09", "idle-cash" }, new[] { "M09" }, 50, null, null, new string[0], new string[0], new string[0], "Idle cash", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m09-push", "You have cash that has been idle for 5 days. See products that match your risk level.", new[] { "push" }, "Service", new[] { "moment-m09", "idle-cash" }, new[] { "M09" }, 50, null, null, new string[0], new string[0], new string[0], "Your cash could be working", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m10-advisor-task", "{{productName}} of the client matures on {{date}}. Offer a conversation about what comes next.", new[] { "advisor_task" }, "Service", new[] { "moment-m10", "maturity" }, new[] { "M10" }, 50, null, null, new string[0], new string[0], new string[0], "A client's product matures soon", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m10-inbox", "{{productName}} matures on {{date}}. See your options in the app before that day.", new[] { "inbox" }, "Service", new[] { "moment-m10", "maturity" }, new[] { "M10" }, 50, null, null, new string[0], new string[0], new string[0], "{{productName}} matures soon", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m10-sms", "{{productName}} matures on {{date}}. See options in the app.", new[] { "sms" }, "Service", new[] { "moment-m10", "maturity" }, new[] { "M10" }, 50, null, null, new string[0], new string[0], new string[0], "{{productName}} matures on {{date}}. See options in the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m11-inbox", "Your tier is now {{tier}}. New benefits are waiting for you in the app.", new[] { "inbox" }, "Benefit", new[] { "moment-m11", "tier-upgrade" }, new[] { "M11" }, 50, null, null, new string[0], new string[0], new string[0], "Welcome to {{tier}}", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m12-inbox", "You are {{amountToNextTier}} CNY away from {{nextTier}}. See the benefits that come with it.", new[] { "inbox" }, "Benefit", new[] { "moment-m12", "tier-approach" }, new[] { "M12" }, 50, null, null, new string[0], new string[0], new string[0], "{{nextTier}} is within reach", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m12-push", "You are {{amountToNextTier}} CNY from {{nextTier}} and its benefits.", new[] { "push" }, "Benefit", new[] { "moment-m12", "tier-approach" }, new[] { "M12" }, 50, null, null, new string[0], new string[0], new string[0], "{{nextTier}} is within reach", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m13-advisor-task", "The client's {{tier}} is under review. Talk about how to keep it.", new[] { "advisor_task" }, "Benefit", new[] { "moment-m13", "downgrade-warning" }, new[] { "M13" }, 50, null, null, new string[0], new string[0], new string[0], "A client may lose its tier", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m13-inbox", "Your average assets are below what {{tier}} needs. See in the app how to keep your benefits.", new[] { "inbox" }, "Benefit", new[] { "moment-m13", "downgrade-warning" }, new[] { "M13" }, 50, null, null, new string[0], new string[0], new string[0], "Keep your {{tier}} benefits", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m13-sms", "Keep your {{tier}} benefits: see how in the app.", new[] { "sms" }, "Benefit", new[] { "moment-m13", "downgrade-warning" }, new[] { "M13" }, 50, null, null, new string[0], new string[0], new string[0], "Keep your {{tier}} benefits: see how in the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m14-inbox", "One of your positions fell 10% or more today. Our analysts' view of the market is in the app.", new[] { "inbox" }, "Insight", new[] { "moment-m14", "drawdown" }, new[] { "M14" }, 50, null, null, new string[0], new string[0], new string[0], "A sharp move in your portfolio", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m14-push", "One of your positions fell sharply today. Read our view of the market before you decide.", new[] { "push" }, "Insight", new[] { "moment-m14", "drawdown" }, new[] { "M14" }, 50, null, null, new string[0], new string[0], new string[0], "Markets moved today", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m15-inbox", "Thank you for investing with us for another year. A small thank-you is waiting in the app.", new[] { "inbox" }, "Campaign", new[] { "moment-m15", "anniversary" }, new[] { "M15" }, 50, null, null, new string[0], new string[0], new string[0], "Happy anniversary", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m16-advisor-task", "The client has not logged in for 30 days or its assets fell by half. Check in with it.", new[] { "advisor_task" }, "Service", new[] { "moment-m16", "win-back" }, new[] { "M16" }, 50, null, null, new string[0], new string[0], new string[0], "Reach out to a quiet client", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m16-inbox", "It has been a while. Here is what changed in the markets and in the app since your last visit.", new[] { "inbox" }, "Service", new[] { "moment-m16", "win-back" }, new[] { "M16" }, 50, null, null, new string[0], new string[0], new string[0], "What is new for you", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m16-sms", "We miss you. See what is new in the app.", new[] { "sms" }, "Service", new[] { "moment-m16", "win-back" }, new[] { "M16" }, 50, null, null, new string[0], new string[0], new string[0], "We miss you. See what is new in the app.", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "m17-advisor-task", "The client transferred 30% or more of its assets to another broker. Call it within the day.", new[] { "advisor_task" }, "Service", new[] { "moment-m17", "retention" }, new[] { "M17" }, 50, null, null, new string[0], new string[0], new string[0], "A client moved assets out", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "money-market-fund", "Daily liquidity, low risk.", new string[0], "Product", new[] { "cash-management" }, new string[0], 60, 1, null, new string[0], new string[0], new string[0], "Money market fund", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "morning-brief", "What moved overnight and what to watch today.", new string[0], "Insight", new[] { "market-news" }, new string[0], 70, null, null, new string[0], new string[0], new string[0], "Morning brief", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "new-client-offer", "Commission-free trades for your first month.", new string[0], "Campaign", new[] { "offer" }, new string[0], 80, null, null, new string[0], new string[0], new string[0], "New client offer", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "next-tier", "See what the next tier adds.", new string[0], "Benefit", new[] { "benefits" }, new string[0], 12, null, null, new string[0], new string[0], new string[0], "{{nextTier}} is {{amountToNextTier}} CNY away", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "portfolio-review", "A free review of your portfolio by an advisor.", new string[0], "Service", new[] { "advice" }, new string[0], 20, null, null, new string[0], new string[0], new string[0], "Portfolio review", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "price-alerts", "Get notified when a stock reaches your price.", new string[0], "Feature", new[] { "how-to" }, new string[0], 35, null, null, new string[0], new string[0], new string[0], "Price alerts", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "refer-a-friend", "Invite a friend and both of you get a reward.", new string[0], "Campaign", new[] { "referral" }, new string[0], 15, null, null, new string[0], new string[0], new string[0], "Refer a friend", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "tier-benefits", "See what your tier gives you.", new string[0], "Benefit", new[] { "benefits" }, new string[0], 10, null, null, new string[0], new string[0], new string[0], "Your {{tier}} benefits", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "trading-signals", "Buy and sell signals for the stocks you follow.", new string[0], "Service", new[] { "signals" }, new string[0], 25, null, null, new string[0], new string[0], new string[0], "Trading signals", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 },
                    { "weekly-outlook", "Our analysts' view of the week ahead.", new string[0], "Insight", new[] { "research" }, new string[0], 65, null, null, new string[0], new string[0], new string[0], "Weekly outlook", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), null, null, 1 }
                });

            migrationBuilder.InsertData(
                table: "content_item_versions",
                columns: new[] { "item_id", "version", "definition", "saved_at" },
                values: new object[,]
                {
                    { "auto-invest", 1, "{ \"itemId\": \"auto-invest\", \"kind\": \"feature\", \"title\": \"Automatic investing\", \"body\": \"Invest a fixed amount every month.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 30, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"how-to\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "balanced-fund", 1, "{ \"itemId\": \"balanced-fund\", \"kind\": \"product\", \"title\": \"Balanced fund\", \"body\": \"Stocks and bonds in one fund.\", \"risk\": \"R3\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"funds\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "bond-fund", 1, "{ \"itemId\": \"bond-fund\", \"kind\": \"product\", \"title\": \"Bond fund\", \"body\": \"Steady income from government and corporate bonds.\", \"risk\": \"R2\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 55, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"bonds\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "csi300-etf", 1, "{ \"itemId\": \"csi300-etf\", \"kind\": \"product\", \"title\": \"CSI 300 ETF\", \"body\": \"China's 300 largest listed companies in one trade.\", \"risk\": \"R4\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 45, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"etf\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "growth-stock-fund", 1, "{ \"itemId\": \"growth-stock-fund\", \"kind\": \"product\", \"title\": \"Growth stock fund\", \"body\": \"Concentrated in fast-growing companies.\", \"risk\": \"R5\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 40, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"funds\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m01-inbox", 1, "{ \"itemId\": \"m01-inbox\", \"kind\": \"feature\", \"title\": \"Open your account in 5 minutes\", \"body\": \"You registered but have not started your application yet. It takes about 5 minutes: have your ID and bank card ready.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M01\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m01\", \"open-account\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m01-push", 1, "{ \"itemId\": \"m01-push\", \"kind\": \"feature\", \"title\": \"Your account is 5 minutes away\", \"body\": \"Pick up where you left off: open your account in the app now.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M01\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m01\", \"open-account\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m02-advisor-task", 1, "{ \"itemId\": \"m02-advisor-task\", \"kind\": \"feature\", \"title\": \"Help a prospect finish the application\", \"body\": \"The prospect stopped during the account application. Offer to help with the step where it stopped.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M02\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m02\", \"continue-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m02-inbox", 1, "{ \"itemId\": \"m02-inbox\", \"kind\": \"feature\", \"title\": \"Continue your application\", \"body\": \"Your account application is saved. Open the app to continue from the step where you stopped.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M02\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m02\", \"continue-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m02-push", 1, "{ \"itemId\": \"m02-push\", \"kind\": \"feature\", \"title\": \"Almost there\", \"body\": \"Your application is waiting for you. Continue where you stopped.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M02\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m02\", \"continue-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m02-sms", 1, "{ \"itemId\": \"m02-sms\", \"kind\": \"feature\", \"title\": \"Your account application is waiting: continue in the app.\", \"body\": \"Your account application is waiting: continue in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M02\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m02\", \"continue-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m03-advisor-task", 1, "{ \"itemId\": \"m03-advisor-task\", \"kind\": \"service\", \"title\": \"Help a client resubmit its application\", \"body\": \"The application was sent back. Call the client and help it fix what was asked for.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M03\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m03\", \"resubmit-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m03-inbox", 1, "{ \"itemId\": \"m03-inbox\", \"kind\": \"service\", \"title\": \"Your application needs a change\", \"body\": \"We could not approve your application as it is. Open the app to see what to fix and resubmit.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M03\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m03\", \"resubmit-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m03-sms", 1, "{ \"itemId\": \"m03-sms\", \"kind\": \"service\", \"title\": \"We need one more thing for your application. Open the app.\", \"body\": \"We need one more thing for your application. Open the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M03\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m03\", \"resubmit-application\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m04-inbox", 1, "{ \"itemId\": \"m04-inbox\", \"kind\": \"feature\", \"title\": \"Welcome to your new account\", \"body\": \"Your account is open. Here is how to make your first deposit and start investing.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M04\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m04\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m04-push", 1, "{ \"itemId\": \"m04-push\", \"kind\": \"feature\", \"title\": \"Welcome! Your account is open\", \"body\": \"Fund your account to start investing: it takes a minute in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M04\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m04\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m05-advisor-task", 1, "{ \"itemId\": \"m05-advisor-task\", \"kind\": \"feature\", \"title\": \"Help a new client fund its account\", \"body\": \"The client opened its account 3 days ago and has not deposited yet. Offer help with the first deposit.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M05\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m05\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m05-inbox", 1, "{ \"itemId\": \"m05-inbox\", \"kind\": \"feature\", \"title\": \"Make your first deposit\", \"body\": \"Your account has been open for a few days. A first deposit lets you start investing.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M05\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m05\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m05-sms", 1, "{ \"itemId\": \"m05-sms\", \"kind\": \"feature\", \"title\": \"Your account is ready. Make your first deposit in the app.\", \"body\": \"Your account is ready. Make your first deposit in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M05\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m05\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m06-inbox", 1, "{ \"itemId\": \"m06-inbox\", \"kind\": \"feature\", \"title\": \"Your first deposit has arrived\", \"body\": \"Thank you. Here is how to place your first trade or buy your first product.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M06\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m06\", \"funding-guide\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m07-inbox", 1, "{ \"itemId\": \"m07-inbox\", \"kind\": \"insight\", \"title\": \"Your first investment\", \"body\": \"Your account is funded. Our market insights and product pages help you choose a first investment.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M07\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m07\", \"first-trade\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m07-push", 1, "{ \"itemId\": \"m07-push\", \"kind\": \"insight\", \"title\": \"Ready for your first investment?\", \"body\": \"Your deposit is waiting. See today's market insights and pick your first investment.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M07\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m07\", \"first-trade\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m08-inbox", 1, "{ \"itemId\": \"m08-inbox\", \"kind\": \"insight\", \"title\": \"Congratulations on your first investment\", \"body\": \"You are now {{stage}}. Follow our insights to keep track of your investments.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M08\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m08\", \"next-steps\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m09-inbox", 1, "{ \"itemId\": \"m09-inbox\", \"kind\": \"service\", \"title\": \"Idle cash\", \"body\": \"Part of your account has been idle for 5 days. Products matching your risk level {{riskTolerance}} are in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M09\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m09\", \"idle-cash\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m09-push", 1, "{ \"itemId\": \"m09-push\", \"kind\": \"service\", \"title\": \"Your cash could be working\", \"body\": \"You have cash that has been idle for 5 days. See products that match your risk level.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M09\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m09\", \"idle-cash\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m10-advisor-task", 1, "{ \"itemId\": \"m10-advisor-task\", \"kind\": \"service\", \"title\": \"A client's product matures soon\", \"body\": \"{{productName}} of the client matures on {{date}}. Offer a conversation about what comes next.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M10\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m10\", \"maturity\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m10-inbox", 1, "{ \"itemId\": \"m10-inbox\", \"kind\": \"service\", \"title\": \"{{productName}} matures soon\", \"body\": \"{{productName}} matures on {{date}}. See your options in the app before that day.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M10\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m10\", \"maturity\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m10-sms", 1, "{ \"itemId\": \"m10-sms\", \"kind\": \"service\", \"title\": \"{{productName}} matures on {{date}}. See options in the app.\", \"body\": \"{{productName}} matures on {{date}}. See options in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M10\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m10\", \"maturity\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m11-inbox", 1, "{ \"itemId\": \"m11-inbox\", \"kind\": \"benefit\", \"title\": \"Welcome to {{tier}}\", \"body\": \"Your tier is now {{tier}}. New benefits are waiting for you in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M11\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m11\", \"tier-upgrade\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m12-inbox", 1, "{ \"itemId\": \"m12-inbox\", \"kind\": \"benefit\", \"title\": \"{{nextTier}} is within reach\", \"body\": \"You are {{amountToNextTier}} CNY away from {{nextTier}}. See the benefits that come with it.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M12\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m12\", \"tier-approach\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m12-push", 1, "{ \"itemId\": \"m12-push\", \"kind\": \"benefit\", \"title\": \"{{nextTier}} is within reach\", \"body\": \"You are {{amountToNextTier}} CNY from {{nextTier}} and its benefits.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M12\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m12\", \"tier-approach\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m13-advisor-task", 1, "{ \"itemId\": \"m13-advisor-task\", \"kind\": \"benefit\", \"title\": \"A client may lose its tier\", \"body\": \"The client's {{tier}} is under review. Talk about how to keep it.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M13\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m13\", \"downgrade-warning\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m13-inbox", 1, "{ \"itemId\": \"m13-inbox\", \"kind\": \"benefit\", \"title\": \"Keep your {{tier}} benefits\", \"body\": \"Your average assets are below what {{tier}} needs. See in the app how to keep your benefits.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M13\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m13\", \"downgrade-warning\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m13-sms", 1, "{ \"itemId\": \"m13-sms\", \"kind\": \"benefit\", \"title\": \"Keep your {{tier}} benefits: see how in the app.\", \"body\": \"Keep your {{tier}} benefits: see how in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M13\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m13\", \"downgrade-warning\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m14-inbox", 1, "{ \"itemId\": \"m14-inbox\", \"kind\": \"insight\", \"title\": \"A sharp move in your portfolio\", \"body\": \"One of your positions fell 10% or more today. Our analysts' view of the market is in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M14\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m14\", \"drawdown\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m14-push", 1, "{ \"itemId\": \"m14-push\", \"kind\": \"insight\", \"title\": \"Markets moved today\", \"body\": \"One of your positions fell sharply today. Read our view of the market before you decide.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M14\" ], \"channels\": [ \"push\" ], \"labels\": [ \"moment-m14\", \"drawdown\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m15-inbox", 1, "{ \"itemId\": \"m15-inbox\", \"kind\": \"campaign\", \"title\": \"Happy anniversary\", \"body\": \"Thank you for investing with us for another year. A small thank-you is waiting in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M15\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m15\", \"anniversary\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m16-advisor-task", 1, "{ \"itemId\": \"m16-advisor-task\", \"kind\": \"service\", \"title\": \"Reach out to a quiet client\", \"body\": \"The client has not logged in for 30 days or its assets fell by half. Check in with it.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M16\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m16\", \"win-back\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m16-inbox", 1, "{ \"itemId\": \"m16-inbox\", \"kind\": \"service\", \"title\": \"What is new for you\", \"body\": \"It has been a while. Here is what changed in the markets and in the app since your last visit.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M16\" ], \"channels\": [ \"inbox\" ], \"labels\": [ \"moment-m16\", \"win-back\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m16-sms", 1, "{ \"itemId\": \"m16-sms\", \"kind\": \"service\", \"title\": \"We miss you. See what is new in the app.\", \"body\": \"We miss you. See what is new in the app.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M16\" ], \"channels\": [ \"sms\" ], \"labels\": [ \"moment-m16\", \"win-back\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "m17-advisor-task", 1, "{ \"itemId\": \"m17-advisor-task\", \"kind\": \"service\", \"title\": \"A client moved assets out\", \"body\": \"The client transferred 30% or more of its assets to another broker. Call it within the day.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 50, \"moments\": [ \"M17\" ], \"channels\": [ \"advisor_task\" ], \"labels\": [ \"moment-m17\", \"retention\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "money-market-fund", 1, "{ \"itemId\": \"money-market-fund\", \"kind\": \"product\", \"title\": \"Money market fund\", \"body\": \"Daily liquidity, low risk.\", \"risk\": \"R1\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 60, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"cash-management\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "morning-brief", 1, "{ \"itemId\": \"morning-brief\", \"kind\": \"insight\", \"title\": \"Morning brief\", \"body\": \"What moved overnight and what to watch today.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 70, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"market-news\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "new-client-offer", 1, "{ \"itemId\": \"new-client-offer\", \"kind\": \"campaign\", \"title\": \"New client offer\", \"body\": \"Commission-free trades for your first month.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 80, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"offer\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "next-tier", 1, "{ \"itemId\": \"next-tier\", \"kind\": \"benefit\", \"title\": \"{{nextTier}} is {{amountToNextTier}} CNY away\", \"body\": \"See what the next tier adds.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 12, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"benefits\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "portfolio-review", 1, "{ \"itemId\": \"portfolio-review\", \"kind\": \"service\", \"title\": \"Portfolio review\", \"body\": \"A free review of your portfolio by an advisor.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 20, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"advice\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "price-alerts", 1, "{ \"itemId\": \"price-alerts\", \"kind\": \"feature\", \"title\": \"Price alerts\", \"body\": \"Get notified when a stock reaches your price.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 35, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"how-to\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "refer-a-friend", 1, "{ \"itemId\": \"refer-a-friend\", \"kind\": \"campaign\", \"title\": \"Refer a friend\", \"body\": \"Invite a friend and both of you get a reward.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 15, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"referral\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "tier-benefits", 1, "{ \"itemId\": \"tier-benefits\", \"kind\": \"benefit\", \"title\": \"Your {{tier}} benefits\", \"body\": \"See what your tier gives you.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 10, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"benefits\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "trading-signals", 1, "{ \"itemId\": \"trading-signals\", \"kind\": \"service\", \"title\": \"Trading signals\", \"body\": \"Buy and sell signals for the stocks you follow.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 25, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"signals\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "weekly-outlook", 1, "{ \"itemId\": \"weekly-outlook\", \"kind\": \"insight\", \"title\": \"Weekly outlook\", \"body\": \"Our analysts' view of the week ahead.\", \"risk\": \"\", \"targeting\": { \"tiers\": [ ], \"stages\": [ ], \"tags\": [ ], \"segment\": \"\" }, \"priority\": 65, \"moments\": [ ], \"channels\": [ ], \"labels\": [ \"research\" ], \"version\": 1, \"updatedAt\": \"2026-12-06T00:00:00Z\" }", new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "auto-invest", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "balanced-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "bond-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "csi300-etf", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "growth-stock-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m01-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m01-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m04-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m04-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m06-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m07-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m07-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m08-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m09-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m09-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m11-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m12-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m12-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m14-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m14-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m15-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m17-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "money-market-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "morning-brief", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "new-client-offer", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "next-tier", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "portfolio-review", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "price-alerts", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "refer-a-friend", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "tier-benefits", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "trading-signals", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "weekly-outlook", 1 });

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "auto-invest");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "balanced-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "bond-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "csi300-etf");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "growth-stock-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m01-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m01-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m04-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m04-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m06-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m07-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m07-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m08-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m09-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m09-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m11-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m12-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m12-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m14-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m14-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m15-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m17-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "money-market-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "morning-brief");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "new-client-offer");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "next-tier");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "portfolio-review");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "price-alerts");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "refer-a-friend");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "tier-benefits");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "trading-signals");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "weekly-outlook");
        }
    }
}
