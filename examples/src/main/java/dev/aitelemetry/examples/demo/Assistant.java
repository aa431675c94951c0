package dev.aitelemetry.examples.demo;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/** The demo's LangChain4j AI service: an SRE assistant that answers from, and adds to, the solution memory. */
interface Assistant {

  @SystemMessage("You are an SRE assistant. Search the solution memory before answering a question about an"
      + " incident, capture new solutions when asked to remember them, and use the tools for log analysis and"
      + " deployments. Answer in two sentences at most.")
  String chat(@MemoryId String session, @UserMessage String message);
}
