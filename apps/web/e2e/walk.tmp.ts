import { launchChromium, signUpTeacher, startLiveLab } from "./support";
const server = await startLiveLab();
const browser = await launchChromium();
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const p = await ctx.newPage();
p.on("dialog", (d) => void d.accept());
try {
  await signUpTeacher(p, server.url, "Walker");
  await p.getByRole("button", { name: "New lesson" }).click();
  await p.waitForURL(/lessons/);
  await p.getByText("This lesson has no activities yet").waitFor();
  await p.waitForTimeout(1500);
  await p.screenshot({ path: "/tmp/walk/1-new.png" });
  await p.getByRole("button", { name: "Add activity" }).click();
  await p.waitForTimeout(1500);
  await p.screenshot({ path: "/tmp/walk/2-activity.png" });
  await p.getByLabel("New question").selectOption({ label: "Numeric (with tolerance)" });
  await p.getByRole("button", { name: "Add question" }).click();
  await p.waitForTimeout(2000);
  await p.screenshot({ path: "/tmp/walk/3-numeric.png", fullPage: true });
  await p.getByLabel("New question").selectOption({ label: "Prediction (graded by a simulation)" });
  await p.getByRole("button", { name: "Add question" }).click();
  await p.waitForTimeout(2000);
  await p.locator('[data-path="activities[0].questions[1]"]').screenshot({ path: "/tmp/walk/4-prediction.png" });
  await p.getByLabel("New activity").selectOption({ label: "Class experiment" });
  await p.getByRole("button", { name: "Add activity" }).click();
  await p.waitForTimeout(2000);
  await p.screenshot({ path: "/tmp/walk/5-experiment.png" });
} finally {
  await browser.close();
  await server.stop();
}
